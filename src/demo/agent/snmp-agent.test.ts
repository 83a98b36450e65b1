/** The agent's request handling without sockets: GET/GETNEXT/GETBULK edge cases, v1 rules, communities, size limits. */
import { describe, expect, it } from 'vitest';
import { SnmpType } from '../../snmp/types.js';
import { ErrorStatus, Tag, decodeMessage, encodeMessage, type SnmpMessage } from '../../snmp/ber.js';
import { MibViewBuilder, type MibView } from './mib-view.js';
import { SnmpAgent } from './snmp-agent.js';
import { syntheticDevice } from './synthetic.js';

function smallView(): MibView {
  const b = new MibViewBuilder();
  b.scalar('1.3.6.1.2.1.1.1', SnmpType.OctetString, 'test agent');
  b.scalar('1.3.6.1.2.1.1.3', SnmpType.TimeTicks, (now) => Math.floor(now / 10));
  for (const i of [1, 2, 10]) {
    b.cell('1.3.6.1.2.1.2.2.1.1', i, SnmpType.Integer, i);
    b.cell('1.3.6.1.2.1.2.2.1.10', i, SnmpType.Counter32, i * 1000);
    b.cell('1.3.6.1.2.1.31.1.1.1.6', i, SnmpType.Counter64, 2n ** 64n - BigInt(i));
  }
  b.add('1.3.6.1.4.1.99999.1.0', SnmpType.Gauge32, 7);
  return b.build();
}

interface Ask {
  version?: number;
  community?: string;
  pdu?: number;
  nonRepeaters?: number;
  maxRepetitions?: number;
}

function ask(agent: SnmpAgent, oids: string[], opts: Ask = {}): SnmpMessage | null {
  const req = encodeMessage({
    version: opts.version ?? 1,
    community: opts.community ?? 'public',
    pduType: opts.pdu ?? Tag.GetRequest,
    requestId: 4242,
    errorStatus: opts.nonRepeaters ?? 0,
    errorIndex: opts.maxRepetitions ?? 0,
    varbinds: oids.map((oid) => ({ oid })),
  });
  const res = agent.handle(req);
  return res === null ? null : decodeMessage(res);
}

const agentFor = (view: MibView, maxMessageSize?: number): SnmpAgent =>
  new SnmpAgent({ view, communities: ['public', 'second'], clock: () => 1_000_000, maxMessageSize });

describe('SnmpAgent GET', () => {
  it('answers values and tells noSuchObject from noSuchInstance', () => {
    const res = ask(agentFor(smallView()), ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.2.2.1.1.3', '1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.1.3.0']);
    expect(res?.pduType).toBe(Tag.Response);
    expect(res?.requestId).toBe(4242);
    expect(res?.varbinds.map((v) => [v.oid, v.type, v.value])).toEqual([
      ['1.3.6.1.2.1.1.1.0', SnmpType.OctetString, Buffer.from('test agent')],
      ['1.3.6.1.2.1.2.2.1.1.3', SnmpType.NoSuchInstance, null],
      ['1.3.6.1.2.1.1.2.0', SnmpType.NoSuchObject, null],
      ['1.3.6.1.2.1.1.3.0', SnmpType.TimeTicks, 100_000],
    ]);
  });

  it('accepts every configured community and ignores a wrong one like a real agent', () => {
    const agent = agentFor(smallView());
    expect(ask(agent, ['1.3.6.1.2.1.1.1.0'], { community: 'second' })?.varbinds).toHaveLength(1);
    expect(ask(agent, ['1.3.6.1.2.1.1.1.0'], { community: 'private' })).toBeNull();
    expect(agent.stats.badCommunity).toBe(1);
  });

  it('drops malformed datagrams and SNMPv3 messages without answering', () => {
    const agent = agentFor(smallView());
    expect(agent.handle(Buffer.from([0x30, 0x03, 0x02, 0x01]))).toBeNull();
    expect(ask(agent, ['1.3.6.1.2.1.1.1.0'], { version: 3 })).toBeNull();
    expect(agent.stats.parseErrors).toBe(2);
  });

  it('refuses SET as notWritable and echoes the request varbinds', () => {
    const res = ask(agentFor(smallView()), ['1.3.6.1.2.1.1.1.0'], { pdu: Tag.SetRequest });
    expect(res).toMatchObject({ errorStatus: ErrorStatus.notWritable, errorIndex: 1 });
    expect(res?.varbinds[0]?.oid).toBe('1.3.6.1.2.1.1.1.0');
  });
});

describe('SnmpAgent GETNEXT', () => {
  it('returns the lexicographic successor by numeric order', () => {
    const res = ask(agentFor(smallView()), ['1.3.6.1.2.1.2.2.1.1.2', '1.3.6.1.2.1.2.2.1.1.9', '1.3.6'], { pdu: Tag.GetNextRequest });
    expect(res?.varbinds.map((v) => v.oid)).toEqual(['1.3.6.1.2.1.2.2.1.1.10', '1.3.6.1.2.1.2.2.1.1.10', '1.3.6.1.2.1.1.1.0']);
  });

  it('answers endOfMibView with the requested name at the end of the view (v2c)', () => {
    const res = ask(agentFor(smallView()), ['1.3.6.1.4.1.99999.1.0'], { pdu: Tag.GetNextRequest });
    expect(res?.varbinds).toEqual([{ oid: '1.3.6.1.4.1.99999.1.0', type: SnmpType.EndOfMibView, value: null }]);
  });

  it('answers noSuchName at the end of the view and skips Counter64 in v1', () => {
    const agent = agentFor(smallView());
    const end = ask(agent, ['1.3.6.1.2.1.1.3.0', '1.3.6.1.4.1.99999.1.0'], { pdu: Tag.GetNextRequest, version: 0 });
    expect(end).toMatchObject({ errorStatus: ErrorStatus.noSuchName, errorIndex: 2 });
    expect(end?.varbinds.map((v) => v.oid)).toEqual(['1.3.6.1.2.1.1.3.0', '1.3.6.1.4.1.99999.1.0']);
    const skip = ask(agent, ['1.3.6.1.2.1.2.2.1.10.10'], { pdu: Tag.GetNextRequest, version: 0 });
    expect(skip?.varbinds.map((v) => v.oid)).toEqual(['1.3.6.1.4.1.99999.1.0']);
    const get64 = ask(agent, ['1.3.6.1.2.1.31.1.1.1.6.1'], { version: 0 });
    expect(get64).toMatchObject({ errorStatus: ErrorStatus.noSuchName, errorIndex: 1 });
  });
});

describe('SnmpAgent GETBULK', () => {
  it('serves non-repeaters once and repeaters for max-repetitions rows', () => {
    const res = ask(agentFor(smallView()), ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.2.2.1.1', '1.3.6.1.2.1.2.2.1.10'], {
      pdu: Tag.GetBulkRequest,
      nonRepeaters: 1,
      maxRepetitions: 2,
    });
    expect(res?.varbinds.map((v) => `${v.oid}=${String(v.value)}`)).toEqual([
      '1.3.6.1.2.1.1.3.0=100000',
      '1.3.6.1.2.1.2.2.1.1.1=1',
      '1.3.6.1.2.1.2.2.1.10.1=1000',
      '1.3.6.1.2.1.2.2.1.1.2=2',
      '1.3.6.1.2.1.2.2.1.10.2=2000',
    ]);
  });

  it('treats non-repeaters above the varbind count as all non-repeaters, and negative values as zero', () => {
    const agent = agentFor(smallView());
    const all = ask(agent, ['1.3.6.1.2.1.2.2.1.1', '1.3.6.1.2.1.2.2.1.10'], { pdu: Tag.GetBulkRequest, nonRepeaters: 5, maxRepetitions: 9 });
    expect(all?.varbinds.map((v) => v.oid)).toEqual(['1.3.6.1.2.1.2.2.1.1.1', '1.3.6.1.2.1.2.2.1.10.1']);
    const none = ask(agent, ['1.3.6.1.2.1.2.2.1.1'], { pdu: Tag.GetBulkRequest, nonRepeaters: -3, maxRepetitions: -1 });
    expect(none?.varbinds).toEqual([]);
  });

  it('fills exhausted repeaters with endOfMibView and stops once all are exhausted', () => {
    const res = ask(agentFor(smallView()), ['1.3.6.1.2.1.31.1.1.1.6.2', '1.3.6.1.4.1.99999'], { pdu: Tag.GetBulkRequest, maxRepetitions: 10 });
    expect(res?.varbinds.map((v) => [v.oid, v.type])).toEqual([
      ['1.3.6.1.2.1.31.1.1.1.6.10', SnmpType.Counter64],
      ['1.3.6.1.4.1.99999.1.0', SnmpType.Gauge32],
      ['1.3.6.1.4.1.99999.1.0', SnmpType.Gauge32],
      ['1.3.6.1.4.1.99999.1.0', SnmpType.EndOfMibView],
      ['1.3.6.1.4.1.99999.1.0', SnmpType.EndOfMibView],
      ['1.3.6.1.4.1.99999.1.0', SnmpType.EndOfMibView],
    ]);
  });

  it('truncates repetitions to fit the message size and never exceeds it (RFC 3416 §4.2.3)', () => {
    const view = syntheticDevice({ interfaces: 500 });
    for (const maxMessageSize of [484, 1472, 9000]) {
      const agent = agentFor(view, maxMessageSize);
      const req = encodeMessage({
        version: 1,
        community: 'public',
        pduType: Tag.GetBulkRequest,
        requestId: 1,
        errorIndex: 400,
        varbinds: [{ oid: '1.3.6.1.2.1.31.1.1.1.6' }, { oid: '1.3.6.1.2.1.31.1.1.1.10' }],
      });
      const raw = agent.handle(req);
      expect(raw).not.toBeNull();
      const res = decodeMessage(raw as Buffer);
      expect(raw?.length).toBeLessThanOrEqual(maxMessageSize);
      expect(res.errorStatus).toBe(ErrorStatus.noError);
      // Approximately full: one more ~25-byte varbind would not have fitted. The cut may fall
      // mid-row: RFC 3416 says the number removed has no relation to N, M or R.
      expect((raw as Buffer).length).toBeGreaterThan(maxMessageSize - 80);
      expect(res.varbinds.length).toBeLessThan(800);
    }
  });

  it('answers tooBig with no varbinds when not even one varbind fits a GET', () => {
    const b = new MibViewBuilder().scalar('1.3.6.1.2.1.1.1', SnmpType.OctetString, 'x'.repeat(2000));
    const res = ask(agentFor(b.build(), 1472), ['1.3.6.1.2.1.1.1.0']);
    expect(res).toMatchObject({ errorStatus: ErrorStatus.tooBig, errorIndex: 0, varbinds: [] });
  });
});
