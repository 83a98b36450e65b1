/** Unit tests for the write spool: FIFO order, ack, the byte bound, torn files and restart recovery. */
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Spool } from './spool.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'linkscope-spool-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function drain(spool: Spool): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < 1000; i += 1) {
    const b = await spool.peek();
    if (b === null) return out;
    out.push(b.text);
    await spool.ack();
  }
  throw new Error('spool did not drain within 1000 batches');
}

describe('Spool', () => {
  it('hands batches back oldest first', async () => {
    const spool = Spool.open({ dir });
    await spool.append('m v=1 1', 1);
    await spool.append('m v=2 2\nm v=3 3', 2);
    await spool.append('m s="é\n" 4', 1);
    expect(spool.batches()).toBe(3);
    expect(spool.points()).toBe(4);
    expect(await drain(spool)).toEqual(['m v=1 1', 'm v=2 2\nm v=3 3', 'm s="é\n" 4']);
  });

  it('keeps a batch until it is acked', async () => {
    const spool = Spool.open({ dir });
    await spool.append('a', 1);
    await spool.append('b', 1);
    expect((await spool.peek())?.text).toBe('a');
    expect((await spool.peek())?.text).toBe('a');
    await spool.ack();
    expect((await spool.peek())?.text).toBe('b');
    await spool.ack();
    expect(await spool.peek()).toBeNull();
    expect(spool.sizeBytes()).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('counts the bytes of every file on disk', async () => {
    const spool = Spool.open({ dir });
    await spool.append('x'.repeat(100), 1);
    await spool.append('y'.repeat(50), 1);
    let onDisk = 0;
    for (const name of await readdir(dir)) onDisk += (await readFile(join(dir, name))).length;
    expect(spool.sizeBytes()).toBe(onDisk);
    expect(onDisk).toBeGreaterThan(150);
  });

  it('drops the oldest batches when full and reports the dropped points', async () => {
    const probe = Spool.open({ dir: join(dir, 'probe') });
    await probe.append('0'.repeat(100), 10);
    const oneBatch = probe.sizeBytes();

    const spool = Spool.open({ dir: join(dir, 'bounded'), maxBytes: oneBatch * 3 });
    const results = [];
    for (let i = 0; i < 5; i += 1) results.push(await spool.append(String(i).repeat(100), 10 + i));
    expect(results.map((r) => r.droppedPoints)).toEqual([0, 0, 0, 10, 11]);
    expect(results.map((r) => r.droppedBatches)).toEqual([0, 0, 0, 1, 1]);
    expect(spool.sizeBytes()).toBeLessThanOrEqual(oneBatch * 3);
    expect((await drain(spool)).map((t) => t[0])).toEqual(['2', '3', '4']);
  });

  it('refuses a single batch larger than the whole bound and keeps the older ones', async () => {
    const spool = Spool.open({ dir, maxBytes: 200 });
    await spool.append('small', 1);
    const r = await spool.append('x'.repeat(500), 7);
    expect(r).toEqual({ droppedPoints: 7, droppedBatches: 1 });
    expect(await drain(spool)).toEqual(['small']);
  });

  it('recovers its batches in order after a restart', async () => {
    const first = Spool.open({ dir });
    await first.append('a', 1);
    await first.append('b', 2);
    await first.append('c', 3);
    await first.ack();

    const second = Spool.open({ dir });
    expect(second.batches()).toBe(2);
    expect(second.points()).toBe(5);
    expect(second.sizeBytes()).toBe(first.sizeBytes());
    await second.append('d', 1);
    expect(await drain(second)).toEqual(['b', 'c', 'd']);
  });

  it('ignores a torn last batch after a restart instead of replaying it', async () => {
    const first = Spool.open({ dir });
    await first.append('m v=1 1', 1);
    await first.append('m v=2 2\nm v=3 3', 2);
    const names = (await readdir(dir)).sort();
    const last = join(dir, names[names.length - 1] as string);
    await truncate(last, (await readFile(last)).length - 4);

    const second = Spool.open({ dir });
    expect(await drain(second)).toEqual(['m v=1 1']);
    expect(second.discardedCorrupt()).toBe(2);
    expect(await readdir(dir)).toEqual([]);
  });

  it('ignores a batch whose bytes were damaged (checksum mismatch)', async () => {
    const first = Spool.open({ dir });
    await first.append('m v=1 1', 1);
    await first.append('m v=2 2', 1);
    const name = (await readdir(dir)).sort()[0] as string;
    const buf = await readFile(join(dir, name));
    buf[buf.length - 1] = 0x39; // '1' → '9': same length, different bytes
    await writeFile(join(dir, name), buf);

    const second = Spool.open({ dir });
    expect(await drain(second)).toEqual(['m v=2 2']);
  });

  it('deletes a half-written temporary file left by a crash', async () => {
    const first = Spool.open({ dir });
    await first.append('a', 1);
    await writeFile(join(dir, '0000000000000002.tmp'), 'LSPOOL1 100 abc 1\npartial');

    const second = Spool.open({ dir });
    expect(second.batches()).toBe(1);
    expect(await readdir(dir)).toHaveLength(1);
    await second.append('b', 1);
    expect(await drain(second)).toEqual(['a', 'b']);
  });

  it('reports an unusable directory as LS_SPOOL_IO', async () => {
    const file = join(dir, 'not-a-dir');
    await writeFile(file, 'x');
    expect(() => Spool.open({ dir: join(file, 'spool') })).toThrow(
      expect.objectContaining({ code: 'LS_SPOOL_IO' }) as unknown as Error,
    );
  });

  it('sets aside a batch that cannot be read (a directory in its place) and goes on with the next', async () => {
    const spool = Spool.open({ dir });
    await spool.append('a', 1);
    await spool.append('b', 2);
    const first = (await readdir(dir)).sort()[0] as string;
    await rm(join(dir, first));
    await mkdir(join(dir, first));

    expect(await drain(spool)).toEqual(['b']);
    expect(spool.setAside()).toEqual({ batches: 1, points: 1 });
    const aside = spool.takeSetAside();
    expect(aside).toHaveLength(1);
    expect(aside[0]?.error.code).toBe('LS_SPOOL_IO');
    expect(await readdir(dir)).toEqual([`${first}.unreadable`]);
    // Renamed out of the batch pattern: a restart does not queue it again.
    expect(Spool.open({ dir }).batches()).toBe(0);
  });

  it('opens leniently when the directory cannot be created, and appends once it can', async () => {
    const file = join(dir, 'not-a-dir');
    await writeFile(file, 'x');
    const { spool, error } = Spool.openLenient({ dir: join(file, 'spool') });
    expect(error?.code).toBe('LS_SPOOL_IO');
    await expect(spool.append('a', 1)).rejects.toMatchObject({ code: 'LS_SPOOL_IO' });
    await rm(file);
    await spool.append('b', 1);
    expect(await drain(spool)).toEqual(['b']);
  });

  it('keeps appends and acks in call order when not awaited one by one', async () => {
    const spool = Spool.open({ dir });
    await Promise.all([spool.append('a', 1), spool.append('b', 1), spool.append('c', 1)]);
    await Promise.all([spool.ack(), spool.append('d', 1)]);
    expect(await drain(spool)).toEqual(['b', 'c', 'd']);
  });
});
