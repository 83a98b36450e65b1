/** Measures how many varbinds per second the demo agent serves to GETBULK column walks, in process and over UDP. */
import dgram from 'node:dgram';
import { pathToFileURL } from 'node:url';
import { LinkscopeError } from '../src/model/errors.js';
import { SnmpType } from '../src/snmp/types.js';
import { IF_ENTRY, IFX_ENTRY } from '../src/demo/oids.js';
import { BerReader, Tag, encodeOidTlv, lengthOfLength, parseOid, writeLength } from '../src/snmp/ber.js';
import { SnmpAgent, startAgent } from '../src/demo/agent/snmp-agent.js';
import { syntheticDevice } from '../src/demo/agent/synthetic.js';

/** The columns a poller reads every cycle: 8 per interface, as linkscope's interface poll does. */
export const POLL_COLUMNS = [
  IFX_ENTRY.ifHCInOctets,
  IFX_ENTRY.ifHCOutOctets,
  IFX_ENTRY.ifHCInUcastPkts,
  IFX_ENTRY.ifHCOutUcastPkts,
  IF_ENTRY.ifInErrors,
  IF_ENTRY.ifOutErrors,
  IF_ENTRY.ifInDiscards,
  IF_ENTRY.ifOutDiscards,
] as const;

export interface ThroughputResult {
  readonly varbinds: number;
  readonly requests: number;
  readonly seconds: number;
  readonly varbindsPerSec: number;
}

function tlv(tag: number, content: Buffer): Buffer {
  const head = Buffer.allocUnsafe(1 + lengthOfLength(content.length));
  head[0] = tag;
  writeLength(head, 1, content.length);
  return Buffer.concat([head, content]);
}

/** A GETBULK request whose names are raw OID TLVs (as cut from the previous response). */
function bulkRequest(community: string, requestId: number, maxRepetitions: number, oidTlvs: readonly Buffer[]): Buffer {
  const nul = Buffer.from([SnmpType.Null, 0]);
  const vbs = oidTlvs.map((o) => tlv(Tag.Sequence, Buffer.concat([o, nul])));
  const int = (v: number): Buffer => encodeMessageInt(v);
  const pdu = tlv(Tag.GetBulkRequest, Buffer.concat([int(requestId), int(0), int(maxRepetitions), tlv(Tag.Sequence, Buffer.concat(vbs))]));
  return tlv(Tag.Sequence, Buffer.concat([int(1), tlv(SnmpType.OctetString, Buffer.from(community, 'latin1')), pdu]));
}

function encodeMessageInt(v: number): Buffer {
  const bytes: number[] = [];
  let x = v;
  do {
    bytes.unshift(x & 0xff);
    x = Math.floor(x / 256);
  } while (x > 0);
  if ((bytes[0] as number) & 0x80) bytes.unshift(0);
  return Buffer.from([SnmpType.Integer, bytes.length, ...bytes]);
}

/**
 * Reads a response: counts varbinds in the walked columns and returns the OID TLV of each
 * column's last varbind, or null for a column that left its subtree (walk done).
 */
function scanResponse(msg: Buffer, prefixes: readonly Buffer[]): { count: number; next: (Buffer | null)[] } {
  const r = new BerReader(msg);
  r.expect(Tag.Sequence);
  r.readInt();
  r.expect(SnmpType.OctetString);
  r.skip();
  r.read();
  r.readInt();
  r.readInt();
  r.readInt();
  r.expect(Tag.Sequence);
  const end = r.end;
  const cols = prefixes.length;
  const next: (Buffer | null)[] = new Array<Buffer | null>(cols).fill(null);
  let i = 0;
  let count = 0;
  while (r.pos < end) {
    r.expect(Tag.Sequence);
    const vbEnd = r.end;
    const oidTlvStart = r.pos;
    r.expect(SnmpType.ObjectIdentifier);
    const oidEnd = r.end;
    const prefix = prefixes[i % cols] as Buffer;
    const inColumn = oidEnd - r.start > prefix.length && msg.compare(prefix, 0, prefix.length, r.start, r.start + prefix.length) === 0;
    r.pos = oidEnd;
    const valueTag = r.read();
    if (inColumn && valueTag !== SnmpType.EndOfMibView) {
      count++;
      next[i % cols] = msg.subarray(oidTlvStart, oidEnd);
    } else {
      next[i % cols] = null;
    }
    r.pos = vbEnd;
    i++;
  }
  return { count, next };
}

/** Column walks in lock-step against a UDP agent, `concurrency` walks in flight, for `seconds`. */
export async function measureOverUdp(options: {
  port: number;
  host?: string;
  community?: string;
  seconds?: number;
  concurrency?: number;
  maxRepetitions?: number;
}): Promise<ThroughputResult> {
  const host = options.host ?? '127.0.0.1';
  const community = options.community ?? 'public';
  const seconds = options.seconds ?? 5;
  const concurrency = options.concurrency ?? 8;
  const maxRep = options.maxRepetitions ?? 50;
  const columnTlvs = POLL_COLUMNS.map((c) => encodeOidTlv(parseOid(c)));
  const prefixes = columnTlvs.map((t) => t.subarray(2));
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  socket.setRecvBufferSize(8 * 1024 * 1024);

  let varbinds = 0;
  let requests = 0;
  let nextId = 1;
  const walks = new Map<number, { cursor: Buffer[] }>();
  const deadline = performance.now() + seconds * 1000;
  const t0 = performance.now();

  const send = (cursor: Buffer[]): void => {
    const id = nextId++ & 0x7fffffff;
    walks.set(id, { cursor });
    requests++;
    socket.send(bulkRequest(community, id, maxRep, cursor), options.port, host);
  };

  await new Promise<void>((resolve) => {
    socket.on('message', (msg) => {
      const r = new BerReader(msg);
      r.expect(Tag.Sequence);
      r.readInt();
      r.expect(SnmpType.OctetString);
      r.skip();
      r.read();
      const id = r.readInt();
      const walk = walks.get(id);
      if (walk === undefined) return;
      walks.delete(id);
      const { count, next } = scanResponse(msg, prefixes);
      varbinds += count;
      const live = next.filter((x): x is Buffer => x !== null);
      if (performance.now() > deadline) {
        if (walks.size === 0) resolve();
        return;
      }
      // A finished walk starts over from the column roots, as the next poll cycle would.
      send(live.length === next.length ? live.map((b) => Buffer.from(b)) : columnTlvs);
    });
    for (let i = 0; i < concurrency; i++) send(columnTlvs);
  });
  const elapsed = (performance.now() - t0) / 1000;
  socket.close();
  return { varbinds, requests, seconds: elapsed, varbindsPerSec: varbinds / elapsed };
}

/** The agent's request→response path alone (no sockets): an upper bound per core. */
export function measureInProcess(options: { interfaces?: number; seconds?: number; maxRepetitions?: number } = {}): ThroughputResult {
  const view = syntheticDevice({ interfaces: options.interfaces ?? 1000, hc: true });
  const agent = new SnmpAgent({ view, community: 'public', maxMessageSize: 65000 });
  const columnTlvs = POLL_COLUMNS.map((c) => encodeOidTlv(parseOid(c)));
  const prefixes = columnTlvs.map((t) => t.subarray(2));
  const maxRep = options.maxRepetitions ?? 50;
  const seconds = options.seconds ?? 3;
  let cursor: Buffer[] = columnTlvs;
  let varbinds = 0;
  let requests = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  while (performance.now() < deadline) {
    for (let k = 0; k < 20; k++) {
      const res = agent.handle(bulkRequest('public', requests + 1, maxRep, cursor));
      requests++;
      if (res === null) throw new LinkscopeError('LS_INTERNAL', 'the agent dropped a benchmark request; check the community');
      const { count, next } = scanResponse(res, prefixes);
      varbinds += count;
      cursor = next.every((x) => x !== null) ? next.map((b) => Buffer.from(b as Buffer)) : columnTlvs;
    }
  }
  const elapsed = (performance.now() - t0) / 1000;
  return { varbinds, requests, seconds: elapsed, varbindsPerSec: varbinds / elapsed };
}

async function main(argv: readonly string[]): Promise<void> {
  const [mode, arg] = argv;
  if (mode === 'serve') {
    const agent = await startAgent({
      view: syntheticDevice({ interfaces: Number(arg ?? 1000), hc: true }),
      community: 'public',
      maxMessageSize: 65000,
      port: Number(argv[2] ?? 0),
    });
    process.stdout.write(`port=${agent.port}\n`);
    const stop = (): void => void agent.close().then(() => process.stdout.write(`served ${agent.stats.varbinds} varbinds\n`));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  if (mode === 'client') {
    const result = await measureOverUdp({ port: Number(arg), seconds: Number(argv[2] ?? 5), concurrency: Number(argv[3] ?? 8) });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const result = measureInProcess({ seconds: Number(arg ?? 3) });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exitCode = 1;
  });
}

