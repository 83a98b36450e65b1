/** Bench stand-ins for the poller's sink and counter store: real line-protocol formatting, no InfluxDB, no disk. */
import type { CounterStore } from '../../src/state/counter-store.js';
import { formatPoint } from '../../src/storage/line-protocol.js';
import type { Point, SampleSink, SinkStatus } from '../../src/storage/types.js';

/** Formats every point as InfluxSink.write does (one formatPoint per point), counts, and discards. */
export class FormatAndDiscardSink implements SampleSink {
  points = 0;
  bytes = 0;

  write(points: readonly Point[]): void {
    for (const p of points) {
      const line = formatPoint(p);
      if (line === '') continue;
      this.points += 1;
      this.bytes += line.length + 1;
    }
  }

  async flush(): Promise<void> {}

  status(): SinkStatus {
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
