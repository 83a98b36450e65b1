/** Bench stand-ins for the poller's sink and counter store: real line-protocol formatting, no InfluxDB, no disk. */
import type { CounterStore } from '../../src/state/counter-store.js';
import { PendingLines } from '../../src/storage/influx-sink.js';
import { formatPoint } from '../../src/storage/line-protocol.js';
import { InterfacePoint, type Point, type SampleSink, type SinkStatus } from '../../src/storage/types.js';

/** Appends points to `pending` as InfluxSink.write does: `interface` lines written in place, the rest through formatPoint. */
export function formatLikeSink(points: readonly Point[], pending: PendingLines): void {
  for (const p of points) {
    if (p instanceof InterfacePoint) {
      pending.pushInterface(p);
      continue;
    }
    const line = formatPoint(p);
    if (line !== '') pending.push(line);
  }
}

/** Formats points as InfluxSink.write does, at InfluxSink's batch size; counts and discards each batch. */
export function formatAndDiscard(points: readonly Point[], pending: PendingLines = new PendingLines()): { points: number; bytes: number } {
  formatLikeSink(points, pending);
  const n = pending.count;
  return { points: n, bytes: n === 0 ? 0 : pending.take(n).length + 1 };
}

/** Formats every point as InfluxSink.write does, counts, and discards. */
export class FormatAndDiscardSink implements SampleSink {
  points = 0;
  bytes = 0;
  readonly #pending = new PendingLines();

  write(points: readonly Point[]): void {
    const before = this.#pending.count;
    formatLikeSink(points, this.#pending);
    this.points += this.#pending.count - before;
    if (this.#pending.count >= 5000) this.#drop();
  }

  /** Bytes are counted when a batch is dropped (as InfluxSink takes its batches). */
  #drop(): void {
    const n = this.#pending.count;
    if (n > 0) this.bytes += this.#pending.take(n).length + 1;
  }

  async flush(): Promise<void> {}

  status(): SinkStatus {
    this.#drop();
    return { influx: 'ok', spoolBytes: 0, pendingPoints: 0, writtenPoints: this.points, droppedPoints: 0 };
  }

  async close(): Promise<void> {}
}

/** A counter store that keeps nothing: the poller holds the baseline in memory anyway; nothing is persisted. */
export const noCounterStore: Pick<CounterStore, 'load' | 'save' | 'remove'> = {
  load: () => Promise.resolve(null),
  save: () => Promise.resolve(),
  remove: () => Promise.resolve(),
};
