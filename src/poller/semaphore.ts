/** A counting semaphore: the global cap on SNMP requests in flight (one device poll holds one slot). */

export class Semaphore {
  readonly slots: number;
  #free: number;
  readonly #waiters: (() => void)[] = [];

  constructor(slots: number) {
    if (!Number.isInteger(slots) || slots < 1) throw new RangeError(`semaphore needs at least one slot, got ${slots}`);
    this.slots = slots;
    this.#free = slots;
  }

  /** Resolves with a release function once a slot is free; FIFO, so no device starves. */
  acquire(): Promise<() => void> {
    if (this.#free > 0) {
      this.#free -= 1;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve) => {
      this.#waiters.push(() => resolve(this.#releaser()));
    });
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  /** Slots held right now. */
  get busy(): number {
    return this.slots - this.#free;
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next !== undefined) next();
      else this.#free += 1;
    };
  }
}
