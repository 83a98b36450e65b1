/** CommunityTransport against a scripted UDP agent on 127.0.0.1: reply matching, retries, errors, abort, close; and value parity with net-snmp. */
import dgram from 'node:dgram';
import { lookup as dnsLookup } from 'node:dns/promises';
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkscopeError } from '../model/errors.js';
import { Secret } from '../model/secret.js';
import type { SnmpTarget } from '../model/types.js';
import { Tag, decodeMessage, encodeMessage, encodeValue, type SnmpMessage } from './ber.js';
import { CommunityTransport } from './community-transport.js';
import { NetSnmpClient } from './net-snmp-client.js';
import { SnmpType } from './types.js';

const SYS_NAME = '1.3.6.1.2.1.1.5.0'; // SNMPv2-MIB::sysName.0
const SYS_UPTIME = '1.3.6.1.2.1.1.3.0'; // SNMPv2-MIB::sysUpTime.0
const IF_HC_IN_OCTETS = '1.3.6.1.2.1.31.1.1.1.6'; // IF-MIB::ifHCInOctets
const COMMUNITY = 'not-public-17';

interface Scripted {
  readonly port: number;
  readonly requests: SnmpMessage[];
  /** Where the last request came from. */
  readonly peer: () => dgram.RemoteInfo | undefined;
  /** The agent's socket: `send(buf)` answers the last requester. */
  send(buf: Buffer): void;
  /**
   * Resolves once every datagram sent to the agent before this call has been handled: a marker
   * sent now over loopback queues behind them in the agent's socket, so when the marker is seen,
   * `requests` is complete — an event, not a wait for the event loop to catch up.
   */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** Community of the drain() marker; never recorded as a request. */
const MARKER = 'drain-marker';

const sockets: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of sockets.splice(0)) await close();
});

/** Binds a UDP socket on 127.0.0.1 that hands each request to `onRequest`. */
async function scripted(onRequest: (req: SnmpMessage, agent: Scripted) => void): Promise<Scripted> {
  const socket = dgram.createSocket('udp4');
  let peer: dgram.RemoteInfo | undefined;
  const requests: SnmpMessage[] = [];
  const markers: Array<() => void> = [];
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const agent: Scripted = {
    port: socket.address().port,
    requests,
    peer: () => peer,
    send(buf) {
      if (peer !== undefined) socket.send(buf, peer.port, peer.address);
    },
    drain: async () => {
      const seen = new Promise<void>((resolve) => markers.push(resolve));
      const sender = dgram.createSocket('udp4');
      const marker = encodeMessage({ version: 1, community: MARKER, pduType: Tag.GetRequest, requestId: 1, varbinds: [{ oid: SYS_NAME }] });
      await new Promise<void>((resolve, reject) => sender.send(marker, agent.port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
      await seen;
      await new Promise<void>((resolve) => sender.close(() => resolve()));
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
  socket.on('message', (msg, rinfo) => {
    const req = decodeMessage(msg);
    if (req.community === MARKER) {
      markers.shift()?.();
      return;
    }
    peer = rinfo;
    requests.push(req);
    onRequest(req, agent);
  });
  sockets.push(agent.close);
  return agent;
}

/** The agent's Response to `req`, with overrides for the fields a test corrupts. */
function reply(req: SnmpMessage, over: Partial<Parameters<typeof encodeMessage>[0]> = {}): Buffer {
  return encodeMessage({
    version: req.version,
    community: req.community,
    pduType: Tag.Response,
    requestId: req.requestId,
    varbinds: req.varbinds.map((vb) => ({ oid: vb.oid, type: SnmpType.OctetString, value: 'sw1' })),
    ...over,
  });
}

function target(port: number, over: Partial<SnmpTarget> = {}): SnmpTarget {
  return { host: '127.0.0.1', port, credentials: { version: '2c', community: new Secret(COMMUNITY) }, timeoutMs: 2000, retries: 1, maxRepetitions: 10, ...over };
}

const transports: CommunityTransport[] = [];
function transport(t: SnmpTarget): CommunityTransport {
  const tr = new CommunityTransport(t);
  transports.push(tr);
  return tr;
}
afterEach(() => {
  for (const tr of transports.splice(0)) tr.close();
});

async function caught(p: Promise<unknown>): Promise<LinkscopeError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof LinkscopeError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

const ctx = { phase: 'get', signal: undefined };

describe('CommunityTransport', () => {
  it('ignores replies with an unknown id, another version or community, or from another port, then takes the right one', async () => {
    const stranger = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => stranger.bind(0, '127.0.0.1', () => resolve()));
    sockets.push(() => new Promise<void>((resolve) => stranger.close(() => resolve())));
    const agent = await scripted((req, a) => {
      a.send(reply(req, { requestId: req.requestId + 1 }));
      a.send(reply(req, { version: 0 }));
      a.send(reply(req, { community: 'public' }));
      // The right reply, but from another port; then the right one from the agent.
      stranger.send(reply(req), a.peer()?.port ?? 0, '127.0.0.1', () => a.send(reply(req, { varbinds: [{ oid: SYS_NAME, type: SnmpType.OctetString, value: 'right' }] })));
    });
    const vbs = await transport(target(agent.port)).get([SYS_NAME], ctx);
    expect(vbs).toEqual([{ oid: SYS_NAME, type: SnmpType.OctetString, value: Buffer.from('right') }]);
    expect(agent.requests).toHaveLength(1);
    expect(agent.requests[0]).toMatchObject({ version: 1, community: COMMUNITY, pduType: Tag.GetRequest });
  });

  it('accepts the late reply to the first attempt after a retransmission', async () => {
    let first: SnmpMessage | undefined;
    const agent = await scripted((req, a) => {
      if (first === undefined) {
        first = req; // hold the answer until the retransmission arrives
        return;
      }
      a.send(reply(first, { varbinds: [{ oid: SYS_NAME, type: SnmpType.OctetString, value: 'late' }] }));
    });
    // A busy machine may need a third attempt before the held answer arrives; what matters is that
    // every attempt reuses the request-id and the answer to the first one is accepted.
    const vbs = await transport(target(agent.port, { timeoutMs: 200, retries: 3 })).get([SYS_NAME], ctx);
    expect((vbs[0]?.value as Buffer).toString()).toBe('late');
    expect(agent.requests.length).toBeGreaterThanOrEqual(2);
    expect(new Set(agent.requests.map((r) => r.requestId))).toEqual(new Set([first?.requestId]));
  });

  it('times out after all attempts with the NetSnmpTransport wording, never naming the community', async () => {
    const agent = await scripted(() => undefined);
    const err = await caught(transport(target(agent.port, { timeoutMs: 30, retries: 2 })).get([SYS_NAME], { phase: 'get', signal: undefined }));
    expect(err.code).toBe('LS_SNMP_TIMEOUT');
    expect(err.message).toBe(`SNMP get to 127.0.0.1:${agent.port} timed out after 30ms (3 attempts); check address, port, community/credentials and the agent's ACL`);
    expect(err.details).toMatchObject({ host: '127.0.0.1', port: agent.port, timeoutMs: 30, attempts: 3 });
    await agent.drain(); // the last attempt may still be queued at the agent when the error arrives
    expect(agent.requests).toHaveLength(3);
    expect(JSON.stringify({ m: err.message, d: err.details, c: err.cause })).not.toContain(COMMUNITY);
  });

  it('keeps waiting after a malformed reply, and reports only-malformed replies as LS_SNMP_BAD_RESPONSE', async () => {
    const good = await scripted((req, a) => {
      a.send(reply(req).subarray(0, 20));
      a.send(reply(req));
    });
    expect(await transport(target(good.port)).get([SYS_NAME], ctx)).toHaveLength(1);
    const bad = await scripted((req, a) => a.send(reply(req).subarray(0, 30)));
    // Generous: the malformed reply must arrive within the timeout even on a busy machine; the
    // claim is about how it is classified, not how fast. The wait is the timeout itself.
    const err = await caught(transport(target(bad.port, { timeoutMs: 1000, retries: 0 })).get([SYS_NAME], ctx));
    expect(err.code).toBe('LS_SNMP_BAD_RESPONSE');
    expect(err.message).toMatch(/got only malformed replies within 1000ms \(1 attempt\)/);
  });

  it('maps error-status to LS_SNMP_ERROR_STATUS naming the OID at error-index', async () => {
    const agent = await scripted((req, a) => a.send(reply(req, { errorStatus: 2, errorIndex: 2, varbinds: req.varbinds.map((vb) => ({ oid: vb.oid })) })));
    const err = await caught(transport(target(agent.port)).get([SYS_UPTIME, SYS_NAME], ctx));
    expect(err.code).toBe('LS_SNMP_ERROR_STATUS');
    expect(err.details).toMatchObject({ errorStatus: 2, errorStatusName: 'noSuchName', oid: SYS_NAME });
  });

  it('groups GETBULK varbinds per requested OID and rejects a GET reply of the wrong length', async () => {
    const agent = await scripted((req, a) => {
      if (req.pduType === Tag.GetBulkRequest) {
        const varbinds = [];
        for (let row = 1; row <= req.errorIndex; row++) {
          for (const vb of req.varbinds) varbinds.push({ oid: `${vb.oid}.${row}`, type: SnmpType.Counter64, value: 2n ** 64n - BigInt(row) });
        }
        a.send(reply(req, { varbinds }));
      } else {
        a.send(reply(req, { varbinds: [] }));
      }
    });
    const tr = transport(target(agent.port));
    const groups = await tr.getBulk([IF_HC_IN_OCTETS, '1.3.6.1.2.1.31.1.1.1.10'], 3, { phase: 'walk', signal: undefined });
    expect(groups.map((g) => g.map((vb) => vb.oid))).toEqual([
      [`${IF_HC_IN_OCTETS}.1`, `${IF_HC_IN_OCTETS}.2`, `${IF_HC_IN_OCTETS}.3`],
      ['1.3.6.1.2.1.31.1.1.1.10.1', '1.3.6.1.2.1.31.1.1.1.10.2', '1.3.6.1.2.1.31.1.1.1.10.3'],
    ]);
    expect(groups[0]?.[0]?.value).toBe(2n ** 64n - 1n);
    expect((await caught(tr.get([SYS_NAME], ctx))).code).toBe('LS_SNMP_BAD_RESPONSE');
  });

  it('aborts a request, removing its abort listener (no MaxListeners warning over many requests)', async () => {
    const agent = await scripted((req, a) => {
      if (req.varbinds[0]?.oid !== SYS_UPTIME) a.send(reply(req));
    });
    const tr = transport(target(agent.port, { timeoutMs: 30_000 }));
    const ac = new AbortController();
    for (let i = 0; i < 30; i++) await tr.get([SYS_NAME], { phase: 'get', signal: ac.signal });
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
    const pending = caught(tr.get([SYS_UPTIME], { phase: 'get', signal: ac.signal }));
    ac.abort();
    expect((await pending).code).toBe('LS_SNMP_ABORTED');
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });

  it('close() settles pending requests with LS_SNMP_ABORTED and refuses new ones', async () => {
    const agent = await scripted(() => undefined);
    const tr = transport(target(agent.port, { timeoutMs: 30_000 }));
    const pending = caught(tr.get([SYS_NAME], ctx));
    tr.close();
    const err = await pending;
    expect(err.code).toBe('LS_SNMP_ABORTED');
    expect(err.message).toMatch(/cancelled: the session was closed/);
    expect((await caught(tr.get([SYS_NAME], ctx))).message).toMatch(/session is closed/);
  });

  it('maps a bad port to LS_SNMP_SOCKET', async () => {
    const err = await caught(transport(target(70_000)).get([SYS_NAME], ctx));
    expect(err.code).toBe('LS_SNMP_SOCKET');
    expect(err.details).toMatchObject({ socketCode: 'ERR_SOCKET_BAD_PORT' });
  });

  it('resolves a host name once and talks to the address it resolved to', async () => {
    const { address } = await dnsLookup('localhost');
    if (address !== '127.0.0.1') return; // localhost resolves elsewhere first here; the agent listens on 127.0.0.1 only
    const agent = await scripted((req, a) => a.send(reply(req)));
    const tr = transport(target(agent.port, { host: 'localhost' }));
    const [one, two] = await Promise.all([tr.get([SYS_NAME], ctx), tr.get([SYS_UPTIME], ctx)]);
    expect([one?.[0]?.oid, two?.[0]?.oid]).toEqual([SYS_NAME, SYS_UPTIME]);
    expect((await tr.get([SYS_NAME], ctx))[0]?.oid).toBe(SYS_NAME);
  });
});

describe('CommunityTransport and net-snmp decode the same values', () => {
  it('gives identical varbinds for every type, edge values and long strings', async () => {
    const values: Array<[string, number, unknown]> = [
      ['1.3.6.1.2.1.31.1.1.1.6.1', SnmpType.Counter64, 2n ** 64n - 1n],
      ['1.3.6.1.2.1.31.1.1.1.6.2', SnmpType.Counter64, 2n ** 63n],
      ['1.3.6.1.2.1.31.1.1.1.6.3', SnmpType.Counter64, 5n],
      ['1.3.6.1.2.1.2.2.1.10.4294967295', SnmpType.Counter32, 4294967295],
      ['1.3.6.1.2.1.2.2.1.5.1', SnmpType.Gauge32, 4294967295],
      ['1.3.6.1.2.1.1.3.0', SnmpType.TimeTicks, 123456],
      ['1.3.6.1.2.1.2.2.1.8.1', SnmpType.Integer, -2147483648],
      ['1.3.6.1.2.1.2.2.1.7.1', SnmpType.Integer, -1],
      ['1.3.6.1.2.1.1.5.0', SnmpType.OctetString, Buffer.alloc(400, 0x62)],
      ['1.3.6.1.2.1.1.2.0', SnmpType.ObjectIdentifier, '1.3.6.1.4.1.268435456.4294967295'],
      ['1.3.6.1.2.1.4.20.1.1.10.0.0.1', SnmpType.IpAddress, '10.0.0.1'],
      ['1.3.6.1.2.1.1.9.0', SnmpType.Opaque, Buffer.from([1, 2, 3])],
      ['1.3.6.1.2.1.1.99.0', SnmpType.NoSuchObject, null],
      ['1.3.6.1.2.1.1.1.99', SnmpType.NoSuchInstance, null],
    ];
    const agent = await scripted((req, a) => {
      const byOid = new Map(values.map(([oid, type, value]) => [oid, { type, value }]));
      const vbs = req.varbinds.map((vb) => {
        const v = byOid.get(vb.oid);
        if (v === undefined || v.type >= 0x80) return { oid: vb.oid, raw: Buffer.from([v?.type ?? SnmpType.NoSuchObject, 0]) };
        return { oid: vb.oid, raw: encodeValue(v.type as never, v.value as never) };
      });
      a.send(rawResponse(req, vbs));
    });
    const got: unknown[] = [];
    for (const transport of ['native', 'net-snmp'] as const) {
      const s = new NetSnmpClient({ transport }).open(target(agent.port));
      try {
        got.push(await s.get(values.map(([oid]) => oid)));
      } finally {
        s.close();
      }
    }
    expect(got[0]).toEqual(got[1]);
    expect((got[0] as Array<{ value: unknown }>).map((vb) => vb.value)).toEqual(
      values.map(([, type, value]) => (type === SnmpType.Counter32 ? BigInt(value as number) : value)),
    );
  });
});

/** A Response built by hand so exceptions can be carried: SEQUENCE { OID, raw value TLV } per varbind. */
function rawResponse(req: SnmpMessage, vbs: Array<{ oid: string; raw: Buffer }>): Buffer {
  const tlv = (tag: number, body: Buffer): Buffer => {
    const n = body.length;
    const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
    return Buffer.concat([Buffer.from([tag, ...len]), body]);
  };
  const list = tlv(0x30, Buffer.concat(vbs.map((vb) => tlv(0x30, Buffer.concat([encodeValue(SnmpType.ObjectIdentifier, vb.oid), vb.raw])))));
  const pdu = tlv(Tag.Response, Buffer.concat([encodeValue(SnmpType.Integer, req.requestId), encodeValue(SnmpType.Integer, 0), encodeValue(SnmpType.Integer, 0), list]));
  return tlv(0x30, Buffer.concat([encodeValue(SnmpType.Integer, req.version), encodeValue(SnmpType.OctetString, Buffer.from(req.community, 'latin1')), pdu]));
}
