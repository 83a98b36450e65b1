/** A minimal, fast SNMP v1/v2c agent: GET, GETNEXT, GETBULK over a MibView, served on UDP (node:dgram). */
import dgram from 'node:dgram';
import { LinkscopeError } from '../../model/errors.js';
import type { Logger } from '../../observability/logger.js';
import { SnmpType } from '../../snmp/types.js';
import {
  prependInteger,
  prependTlvHeader,
  BerError,
  BerReader,
  ErrorStatus,
  SnmpVersionNumber,
  Tag,
  decodeOidInto,
  lengthOfLength,
  signedLength,
  splitUnsigned64,
  toUnsigned32,
  unsigned64Length,
  unsignedLength,
  valueTlvLength,
  writeLength,
  writeSignedContent,
  writeUnsigned64Content,
  writeUnsignedContent,
  writeValueTlv,
} from '../../snmp/ber.js';
import type { MibEntry, MibView } from './mib-view.js';

/** What the agent counts; names follow the SNMPv2-MIB snmpIn and snmpOut counters where one exists. */
export interface AgentStats {
  /** snmpInPkts. */
  packets: number;
  /** snmpInBadCommunityNames: datagrams dropped for an unknown community. */
  badCommunity: number;
  /** snmpInASNParseErrs: datagrams dropped as malformed. */
  parseErrors: number;
  /** Requests answered (snmpOutGetResponses). */
  responses: number;
  /** Varbinds sent in responses. */
  varbinds: number;
  /** Responses cut short by the message-size limit (GETBULK) or answered tooBig. */
  truncated: number;
  /** Requests dropped because the agent was told not to respond. */
  ignored: number;
}

export interface SnmpAgentOptions {
  /** The view served for `communities` (and `community`). */
  readonly view: MibView;
  readonly community?: string;
  readonly communities?: readonly string[];
  /** Extra community → view pairs: one agent can front several devices, as snmpsim does. */
  readonly viewsByCommunity?: ReadonlyMap<string, MibView>;
  /**
   * Largest response message in bytes (RFC 3416 §4.2.3 "local constraint"). Default 1472 (an
   * Ethernet MTU minus IP/UDP headers), as a real agent would; benchmarks use ~65000.
   */
  readonly maxMessageSize?: number;
  /** Milliseconds since the epoch, read once per request and handed to value providers. */
  readonly clock?: () => number;
}

const DEFAULT_MAX_MESSAGE_SIZE = 1472;
/** RFC 3416 §2.4: maximum OID length is 128 sub-identifiers. */
const MAX_OID_ARCS = 128;
/** Largest SNMP message over UDP/IPv4. */
const MAX_UDP_PAYLOAD = 65507;

/**
 * Request → response, no I/O. The response path writes into one reused buffer: static varbinds
 * are copied pre-encoded, dynamic ones are encoded in place. Allocation is per request (the
 * reader, the community key, the returned copy — dgram may send asynchronously, so the reused
 * buffer cannot be handed out), never per varbind.
 */
export class SnmpAgent {
  readonly stats: AgentStats = {
    packets: 0,
    badCommunity: 0,
    parseErrors: 0,
    responses: 0,
    varbinds: 0,
    truncated: 0,
    ignored: 0,
  };
  readonly maxMessageSize: number;
  readonly #views = new Map<string, MibView>();
  readonly #clock: () => number;

  // Parse state, reused across requests.
  #arcs = new Uint32Array(MAX_OID_ARCS);
  #oidStart = new Int32Array(64);
  #oidEnd = new Int32Array(64);
  #oidTlvStart = new Int32Array(64);
  #repIdx = new Int32Array(64);
  #repEnded = new Uint8Array(64);
  // Response buffer: headroom for the header, then varbinds.
  #out: Buffer;
  #head = 0;
  #limit = 0;
  #pos = 0;
  #req: Buffer = Buffer.alloc(0);

  constructor(options: SnmpAgentOptions) {
    const communities = [...(options.communities ?? []), ...(options.community === undefined ? [] : [options.community])];
    if (communities.length === 0 && (options.viewsByCommunity?.size ?? 0) === 0) {
      throw new LinkscopeError('LS_INTERNAL', 'demo SNMP agent needs at least one community');
    }
    for (const c of communities) this.#views.set(c, options.view);
    for (const [c, v] of options.viewsByCommunity ?? []) this.#views.set(c, v);
    this.maxMessageSize = Math.min(options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE, MAX_UDP_PAYLOAD);
    if (this.maxMessageSize < 484) {
      // RFC 3417 §3.2: every SNMP entity must accept messages of at least 484 octets.
      throw new LinkscopeError('LS_INTERNAL', `demo SNMP agent maxMessageSize ${this.maxMessageSize} is below the 484-octet minimum`);
    }
    this.#clock = options.clock ?? Date.now;
    this.#out = Buffer.allocUnsafe(MAX_UDP_PAYLOAD + 1024);
  }

  /** Handles one datagram. Returns the response, or null when a real agent would stay silent. */
  handle(msg: Buffer): Buffer | null {
    this.stats.packets++;
    try {
      return this.#handle(msg);
    } catch (err) {
      if (err instanceof BerError) {
        this.stats.parseErrors++;
        return null;
      }
      throw err;
    }
  }

  #handle(msg: Buffer): Buffer | null {
    const r = new BerReader(msg);
    r.expect(Tag.Sequence);
    const versionStart = r.pos;
    const version = r.readInt();
    if (version !== SnmpVersionNumber.v1 && version !== SnmpVersionNumber.v2c) return this.#drop('parse');
    const versionEnd = r.pos;
    r.expect(SnmpType.OctetString);
    const communityTlvStart = versionEnd;
    const view = this.#views.get(msg.toString('latin1', r.start, r.end));
    r.skip();
    const communityTlvEnd = r.pos;
    if (view === undefined) return this.#drop('community');

    const pduType = r.read();
    const ridStart = r.pos;
    r.readInt();
    const ridEnd = r.pos;
    const field2 = r.readInt();
    const field3 = r.readInt();
    r.expect(Tag.Sequence);
    const vblStart = r.start;
    const vblEnd = r.end;
    let count = 0;
    while (r.pos < vblEnd) {
      r.expect(Tag.Sequence);
      const vbEnd = r.end;
      const oidTlvStart = r.pos;
      r.expect(SnmpType.ObjectIdentifier);
      if (count === this.#oidStart.length) this.#grow();
      this.#oidTlvStart[count] = oidTlvStart;
      this.#oidStart[count] = r.start;
      this.#oidEnd[count] = r.end;
      r.pos = vbEnd;
      count++;
    }
    this.#req = msg;

    // Header budget: every length field sized for the largest message, so the real header never exceeds it.
    const communityLen = communityTlvEnd - communityTlvStart;
    const ridLen = ridEnd - ridStart;
    const lol = lengthOfLength(MAX_UDP_PAYLOAD);
    const headerBound = 3 * (1 + lol) + (versionEnd - versionStart) + communityLen + ridLen + 6 + 6;
    this.#head = headerBound + 16;
    if (this.#out.length < this.#head + MAX_UDP_PAYLOAD) this.#out = Buffer.allocUnsafe(this.#head + MAX_UDP_PAYLOAD);
    this.#pos = this.#head;
    this.#limit = this.#head + Math.max(0, this.maxMessageSize - headerBound);
    const nowMs = this.#clock();
    const v1 = version === SnmpVersionNumber.v1;

    let errorStatus: number = ErrorStatus.noError;
    let errorIndex = 0;
    switch (pduType) {
      case Tag.GetRequest:
      case Tag.GetNextRequest: {
        const next = pduType === Tag.GetNextRequest;
        for (let i = 0; i < count; i++) {
          const len = this.#decodeRequestOid(i);
          let idx = next ? view.next(this.#arcs, len) : view.find(this.#arcs, len);
          // RFC 3584 §4.2.2.1: a v1 agent never returns Counter64; GETNEXT steps over it, GET reports noSuchName.
          if (v1 && next) while (idx < view.size && (view.entries[idx] as MibEntry).type === SnmpType.Counter64) idx++;
          const entry = idx >= 0 ? view.entries[idx] : undefined;
          let ok: boolean;
          if (entry === undefined || (v1 && entry.type === SnmpType.Counter64)) {
            if (v1) {
              errorStatus = ErrorStatus.noSuchName;
              errorIndex = i + 1;
              break;
            }
            const tag = next
              ? SnmpType.EndOfMibView
              : view.objectExists(this.#arcs, len)
                ? SnmpType.NoSuchInstance
                : SnmpType.NoSuchObject;
            ok = this.#writeException(this.#oidTlvStart[i] as number, this.#oidEnd[i] as number, tag);
          } else {
            ok = this.#writeEntry(entry, nowMs);
          }
          if (!ok) {
            errorStatus = ErrorStatus.tooBig;
            this.stats.truncated++;
            break;
          }
        }
        break;
      }
      case Tag.GetBulkRequest: {
        if (v1) return this.#drop('parse');
        const ended = this.#bulk(view, count, field2, field3, nowMs);
        if (ended === 'tooBig') errorStatus = ErrorStatus.tooBig;
        break;
      }
      case Tag.SetRequest:
        // A read-only agent: v2c says notWritable, v1 has only noSuchName for this (RFC 3584 §4.4).
        errorStatus = v1 ? ErrorStatus.noSuchName : ErrorStatus.notWritable;
        errorIndex = count > 0 ? 1 : 0;
        break;
      default:
        return this.#drop('parse');
    }

    if (errorStatus === ErrorStatus.tooBig) {
      // RFC 3416 §4.2.1: tooBig carries an empty variable-bindings field.
      this.#pos = this.#head;
    } else if (errorStatus !== ErrorStatus.noError) {
      // Errors echo the request's variable bindings unchanged.
      this.#out.set(msg.subarray(vblStart, vblEnd), this.#head);
      this.#pos = this.#head + (vblEnd - vblStart);
    }
    return this.#finish(msg, versionStart, versionEnd, communityTlvStart, communityTlvEnd, ridStart, ridEnd, errorStatus, errorIndex);
  }

  #drop(reason: 'community' | 'parse'): null {
    if (reason === 'community') this.stats.badCommunity++;
    else this.stats.parseErrors++;
    return null;
  }

  #grow(): void {
    const n = this.#oidStart.length * 2;
    const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.#oidStart = grow(this.#oidStart);
    this.#oidEnd = grow(this.#oidEnd);
    this.#oidTlvStart = grow(this.#oidTlvStart);
    this.#repIdx = grow(this.#repIdx);
    this.#repEnded = new Uint8Array(n);
  }

  #decodeRequestOid(i: number): number {
    return decodeOidInto(this.#req, this.#oidStart[i] as number, this.#oidEnd[i] as number, this.#arcs);
  }

  /**
   * GETBULK per RFC 3416 §4.2.3: N non-repeaters get one GETNEXT each, then up to M rows of the R
   * repeaters. Stops early once every repeater is at endOfMibView, and truncates (without an
   * error) when the next varbind would exceed the message size.
   */
  #bulk(view: MibView, count: number, nonRepeaters: number, maxRepetitions: number, nowMs: number): 'ok' | 'tooBig' {
    const n = Math.min(Math.max(nonRepeaters, 0), count);
    const m = Math.max(maxRepetitions, 0);
    const size = view.size;
    const entries = view.entries;
    let written = 0;
    for (let i = 0; i < n; i++) {
      const idx = view.next(this.#arcs, this.#decodeRequestOid(i));
      const ok =
        idx < size
          ? this.#writeEntry(entries[idx] as MibEntry, nowMs)
          : this.#writeException(this.#oidTlvStart[i] as number, this.#oidEnd[i] as number, SnmpType.EndOfMibView);
      if (!ok) return this.#truncated(written);
      written++;
    }
    const rep = this.#repIdx;
    const ended = this.#repEnded;
    for (let j = 0; j < m && n < count; j++) {
      let live = false;
      for (let i = n; i < count; i++) {
        let ok: boolean;
        const idx =
          j === 0 ? view.next(this.#arcs, this.#decodeRequestOid(i)) : ended[i] === 1 ? size : (rep[i] as number) + 1;
        if (idx < size) {
          ok = this.#writeEntry(entries[idx] as MibEntry, nowMs);
          rep[i] = idx;
          ended[i] = 0;
          live = true;
        } else {
          if (j === 0) rep[i] = -1;
          ended[i] = 1;
          // The name stays the last one this repeater returned, or the requested one if none.
          const last = rep[i] as number;
          ok =
            last >= 0
              ? this.#writeEntryException(entries[last] as MibEntry, SnmpType.EndOfMibView)
              : this.#writeException(this.#oidTlvStart[i] as number, this.#oidEnd[i] as number, SnmpType.EndOfMibView);
        }
        if (!ok) return this.#truncated(written);
        written++;
      }
      if (!live) break;
    }
    return 'ok';
  }

  #truncated(written: number): 'ok' | 'tooBig' {
    this.stats.truncated++;
    return written === 0 ? 'tooBig' : 'ok';
  }

  /** Appends one entry's varbind; false when it does not fit. */
  #writeEntry(entry: MibEntry, nowMs: number): boolean {
    const out = this.#out;
    let pos = this.#pos;
    const fixed = entry.fixedVarbind;
    if (fixed !== null) {
      if (pos + fixed.length > this.#limit) return false;
      out.set(fixed, pos);
      this.#pos = pos + fixed.length;
      return true;
    }
    const value = (entry.provider as (nowMs: number) => number | bigint | string | Buffer)(nowMs);
    const type = entry.type;
    const oidTlv = entry.oidTlv;
    // Numeric types are sized and written here without intermediate objects; others go generic.
    let contentLen: number;
    let u = 0;
    let hi = 0;
    switch (type) {
      case SnmpType.Counter64: {
        splitUnsigned64(value as number | bigint, scratchHiLo);
        hi = scratchHiLo[0] as number;
        u = scratchHiLo[1] as number;
        contentLen = unsigned64Length(hi, u);
        break;
      }
      case SnmpType.Counter32:
      case SnmpType.Gauge32:
      case SnmpType.TimeTicks:
        u = toUnsigned32(value as number | bigint);
        contentLen = unsignedLength(u);
        break;
      case SnmpType.Integer:
        u = Number(value);
        contentLen = signedLength(u);
        break;
      default:
        contentLen = -1;
    }
    const valueTlvLen = contentLen >= 0 ? 2 + contentLen : valueTlvLength(type, value);
    const seqLen = oidTlv.length + valueTlvLen;
    const total = 1 + lengthOfLength(seqLen) + seqLen;
    if (pos + total > this.#limit) return false;
    out[pos] = 0x30;
    pos = writeLength(out, pos + 1, seqLen);
    out.set(oidTlv, pos);
    pos += oidTlv.length;
    if (contentLen >= 0) {
      out[pos] = type;
      out[pos + 1] = contentLen;
      pos += 2;
      if (type === SnmpType.Counter64) pos = writeUnsigned64Content(out, pos, hi, u, contentLen);
      else if (type === SnmpType.Integer) pos = writeSignedContent(out, pos, u, contentLen);
      else pos = writeUnsignedContent(out, pos, u, contentLen);
    } else {
      pos = writeValueTlv(out, pos, type, value);
    }
    this.#pos = pos;
    return true;
  }

  /** Appends `name = exception` where the name is an entry's OID. */
  #writeEntryException(entry: MibEntry, tag: number): boolean {
    const oidTlv = entry.oidTlv;
    return this.#writeRawException(oidTlv, 0, oidTlv.length, tag);
  }

  /** Appends `name = exception` with the name copied from the request (OID TLV start .. content end). */
  #writeException(oidTlvStart: number, oidEnd: number, tag: number): boolean {
    return this.#writeRawException(this.#req, oidTlvStart, oidEnd, tag);
  }

  #writeRawException(src: Uint8Array, start: number, end: number, tag: number): boolean {
    const out = this.#out;
    const seqLen = end - start + 2;
    let pos = this.#pos;
    if (pos + 1 + lengthOfLength(seqLen) + seqLen > this.#limit) return false;
    out[pos] = 0x30;
    pos = writeLength(out, pos + 1, seqLen);
    out.set(src.subarray(start, end), pos);
    pos += end - start;
    out[pos] = tag;
    out[pos + 1] = 0;
    this.#pos = pos + 2;
    return true;
  }

  /** Writes the header backwards in front of the varbinds and returns a copy of the message. */
  #finish(
    msg: Buffer,
    versionStart: number,
    versionEnd: number,
    communityStart: number,
    communityEnd: number,
    ridStart: number,
    ridEnd: number,
    errorStatus: number,
    errorIndex: number,
  ): Buffer {
    const out = this.#out;
    const end = this.#pos;
    let p = this.#head;
    const vblLen = end - p;
    p = prependTlvHeader(out, p, Tag.Sequence, vblLen);
    p = prependInteger(out, p, errorIndex);
    p = prependInteger(out, p, errorStatus);
    p -= ridEnd - ridStart;
    out.set(msg.subarray(ridStart, ridEnd), p);
    p = prependTlvHeader(out, p, Tag.Response, end - p);
    p -= communityEnd - communityStart;
    out.set(msg.subarray(communityStart, communityEnd), p);
    p -= versionEnd - versionStart;
    out.set(msg.subarray(versionStart, versionEnd), p);
    p = prependTlvHeader(out, p, Tag.Sequence, end - p);
    this.stats.responses++;
    if (errorStatus === ErrorStatus.noError) this.stats.varbinds += countVarbinds(out, this.#head, end);
    return Buffer.from(out.subarray(p, end));
  }
}

const scratchHiLo = new Uint32Array(2);

/** Counts top-level SEQUENCEs in the varbind list (cheap: one header per varbind). */
function countVarbinds(buf: Buffer, start: number, end: number): number {
  let n = 0;
  let p = start;
  while (p < end) {
    let len = buf[p + 1] as number;
    let hdr = 2;
    if (len & 0x80) {
      const k = len & 0x7f;
      len = 0;
      for (let i = 0; i < k; i++) len = len * 256 + (buf[p + 2 + i] as number);
      hdr += k;
    }
    p += hdr + len;
    n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// UDP
// ---------------------------------------------------------------------------------------------

export interface StartAgentOptions extends SnmpAgentOptions {
  /** Default 127.0.0.1: the demo never listens beyond loopback unless told to. */
  readonly host?: string;
  /** 0 = any free port (the default). */
  readonly port?: number;
  readonly logger?: Logger;
}

export interface RunningAgent {
  readonly host: string;
  readonly port: number;
  readonly agent: SnmpAgent;
  readonly stats: AgentStats;
  /** false = stay silent (the device looks unreachable: the poller times out); true = answer again. */
  setResponding(responding: boolean): void;
  close(): Promise<void>;
}

/** Binds a UDP socket and serves the view. Rejects with LS_SNMP_SOCKET when the port cannot be bound. */
export async function startAgent(options: StartAgentOptions): Promise<RunningAgent> {
  const agent = new SnmpAgent(options);
  const host = options.host ?? '127.0.0.1';
  const requestedPort = options.port ?? 0;
  const socket = dgram.createSocket({ type: host.includes(':') ? 'udp6' : 'udp4' });
  let responding = true;

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error): void => {
      socket.close();
      reject(
        new LinkscopeError(
          'LS_SNMP_SOCKET',
          `demo SNMP agent cannot listen on ${host}:${requestedPort} (${(err as NodeJS.ErrnoException).code ?? err.message}); choose another port or 0 for any free one`,
          { cause: err },
        ),
      );
    };
    socket.once('error', onError);
    socket.bind(requestedPort, host, () => {
      socket.off('error', onError);
      resolve();
    });
  });

  try {
    // Bigger kernel buffers keep a benchmark burst from being dropped; Linux caps at rmem_max silently.
    socket.setRecvBufferSize(4 * 1024 * 1024);
    socket.setSendBufferSize(4 * 1024 * 1024);
  } catch {
    // Not fatal: default buffers only lower the burst the agent absorbs.
  }

  socket.on('error', (err) => {
    options.logger?.warn({ err, host, port: requestedPort }, 'demo SNMP agent socket error');
  });
  socket.on('message', (msg, rinfo) => {
    const response = agent.handle(msg);
    if (response === null) return;
    if (!responding) {
      agent.stats.ignored++;
      return;
    }
    socket.send(response, rinfo.port, rinfo.address);
  });

  const port = socket.address().port;
  let closed: Promise<void> | null = null;
  return {
    host,
    port,
    agent,
    stats: agent.stats,
    setResponding(value: boolean) {
      responding = value;
    },
    close() {
      closed ??= new Promise<void>((resolve) => socket.close(() => resolve()));
      return closed;
    },
  };
}
