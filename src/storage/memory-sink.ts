/** A SampleSink that keeps every point in memory: for tests, the CLI's dry runs and benchmarks. */
import type { Point, SampleSink, SinkStatus } from './types.js';

export class MemorySink implements SampleSink {
  readonly points: Point[] = [];

  write(points: readonly Point[]): void {
    for (const p of points) this.points.push(p);
  }

  async flush(): Promise<void> {}

  status(): SinkStatus {
    return { influx: 'ok', spoolBytes: 0, pendingPoints: 0, writtenPoints: this.points.length, droppedPoints: 0 };
  }

  async close(): Promise<void> {}
}
