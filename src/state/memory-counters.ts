/** An in-memory counter store for tests and tools (as memory-inventory.ts and memory-sink.ts): the CounterStore API without files. */
import type { StoredBaseline } from './counter-store.js';

export class MemoryCounters {
  readonly saved = new Map<number, StoredBaseline>();
  /** Wall-clock times of saves made by an earlier process (what CounterStore reads from file mtimes). */
  readonly savedAt = new Map<number, number>();

  async load(id: number): Promise<StoredBaseline | null> {
    return this.saved.get(id) ?? null;
  }

  async save(id: number, _agent: string, b: StoredBaseline): Promise<void> {
    this.saved.set(id, b);
  }

  async remove(id: number): Promise<void> {
    this.saved.delete(id);
    this.savedAt.delete(id);
  }

  savedAtMs(id: number): number | null {
    return this.savedAt.get(id) ?? null;
  }
}
