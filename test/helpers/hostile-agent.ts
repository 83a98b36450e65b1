/** A hostile SNMP v2c agent on 127.0.0.1 (UDP, BER by hand): tables that never end, oversized replies, a 9-byte Counter64. */
import { decodeMessage, encodeOidTlv, encodeValue, lengthOfLength, parseOid, Tag, writeLength, type ValueType } from '../../src/snmp/ber.js';
import { SnmpType } from '../../src/snmp/types.js';
import { startUdpAgent } from './udp-agent.js';

/**
 * - `endless`: ifTable and ifXTable columns never end: after row n comes row n+1, for ever, while
 *   ifNumber says 2. What made `serve` grow to several GB and die.
 * - `oversized`: a correct 2-interface agent whose GETBULK replies carry 20 times the varbinds asked
 *   for (the walk continues past the table into endOfMibView).
 * - `counter64`: a correct 2-interface agent whose ifHCInOctets.1 is a Counter64 with 9 significant
 *   bytes (illegal); ifHCInOctets.2 has 9 bytes with a leading 0x00 (legal, 2^63 + 1).
 */
export type HostileMode = 'endless' | 'oversized' | 'counter64';

export interface HostileAgent {
  readonly host: string;
  readonly port: number;
  readonly community: string;
  /** Requests answered so far. */
  readonly requests: () => number;
  stop(): Promise<void>;
}

const IF_ENTRY = '1.3.6.1.2.1.2.2.1'; // IF-MIB::ifEntry
const IFX_ENTRY = '1.3.6.1.2.1.31.1.1.1'; // IF-MIB::ifXEntry

type Value = { readonly type: ValueType; readonly value: number | bigint | string | Buffer } | { readonly raw: Buffer };
type Row = readonly [oid: number[], value: Value];

function tlv(tag: number, content: Buffer): Buffer {
  const head = Buffer.alloc(1 + lengthOfLength(content.length));
  head[0] = tag;
  writeLength(head, 1, content.length);
  return Buffer.concat([head, content]);
}

function compare(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number) ? -1 : 1;
  return a.length - b.length;
}

/** A small correct table: system group and two interfaces in ifTable + ifXTable. */
function table(mode: HostileMode): Row[] {
  const rows: Row[] = [];
  const put = (oid: string, type: ValueType, value: number | bigint | string | Buffer): void => {
    rows.push([parseOid(oid), { type, value }]);
  };
  put('1.3.6.1.2.1.1.1.0', SnmpType.OctetString, `hostile agent (${mode})`); // sysDescr
  put('1.3.6.1.2.1.1.2.0', SnmpType.ObjectIdentifier, '1.3.6.1.4.1.8072.3.2.10'); // sysObjectID
  put('1.3.6.1.2.1.1.3.0', SnmpType.TimeTicks, 100_000); // sysUpTime (overwritten per request)
  put('1.3.6.1.2.1.1.5.0', SnmpType.OctetString, `hostile-${mode}`); // sysName
  put('1.3.6.1.2.1.2.1.0', SnmpType.Integer, 2); // ifNumber
  for (const i of [1, 2]) {
    put(`${IF_ENTRY}.1.${i}`, SnmpType.Integer, i); // ifIndex
    put(`${IF_ENTRY}.2.${i}`, SnmpType.OctetString, `eth${i}`); // ifDescr
    put(`${IF_ENTRY}.3.${i}`, SnmpType.Integer, 6); // ifType
    put(`${IF_ENTRY}.5.${i}`, SnmpType.Gauge32, 1_000_000_000); // ifSpeed
    put(`${IF_ENTRY}.7.${i}`, SnmpType.Integer, 1); // ifAdminStatus
    put(`${IF_ENTRY}.8.${i}`, SnmpType.Integer, 1); // ifOperStatus
    put(`${IF_ENTRY}.10.${i}`, SnmpType.Counter32, 1000 * i); // ifInOctets
    put(`${IF_ENTRY}.16.${i}`, SnmpType.Counter32, 1000 * i); // ifOutOctets
    put(`${IFX_ENTRY}.1.${i}`, SnmpType.OctetString, `eth${i}`); // ifName
    if (mode === 'counter64' && i === 1) rows.push([parseOid(`${IFX_ENTRY}.6.${i}`), { raw: Buffer.from('4609010000000000000000', 'hex') }]); // ifHCInOctets: 9 significant bytes
    else if (mode === 'counter64' && i === 2) rows.push([parseOid(`${IFX_ENTRY}.6.${i}`), { raw: Buffer.from('4609008000000000000001', 'hex') }]); // ifHCInOctets: 0x00 + 8 bytes
    else put(`${IFX_ENTRY}.6.${i}`, SnmpType.Counter64, 5000n * BigInt(i)); // ifHCInOctets
    put(`${IFX_ENTRY}.10.${i}`, SnmpType.Counter64, 5000n * BigInt(i)); // ifHCOutOctets
    put(`${IFX_ENTRY}.15.${i}`, SnmpType.Gauge32, 1000); // ifHighSpeed
    put(`${IFX_ENTRY}.18.${i}`, SnmpType.OctetString, `link ${i}`); // ifAlias
  }
  rows.sort((a, b) => compare(a[0], b[0]));
  return rows;
}

const END_OF_MIB_VIEW: Value = { raw: Buffer.from([SnmpType.EndOfMibView, 0]) };
const NO_SUCH_INSTANCE: Value = { raw: Buffer.from([SnmpType.NoSuchInstance, 0]) };
const IF_ENTRY_ARCS = parseOid(IF_ENTRY);
const IFX_ENTRY_ARCS = parseOid(IFX_ENTRY);

function under(oid: readonly number[], root: readonly number[]): boolean {
  return oid.length > root.length && root.every((a, i) => oid[i] === a);
}

export async function startHostileAgent(mode: HostileMode, community = 'public'): Promise<HostileAgent> {
  const rows = table(mode);
  let answered = 0;
  const startedAt = Date.now();

  const valueAt = (oid: readonly number[]): Value | undefined => rows.find(([o]) => compare(o, oid) === 0)?.[1];
  const next = (oid: readonly number[]): [number[], Value] => {
    if (mode === 'endless') {
      // Inside a column of ifTable / ifXTable: the next row, for ever (index + 1, never leaving the column).
      for (const entry of [IF_ENTRY_ARCS, IFX_ENTRY_ARCS]) {
        if (under(oid, entry)) {
          const column = oid[entry.length] as number;
          const index = oid.length > entry.length + 1 ? (oid[entry.length + 1] as number) : 0;
          return [[...entry, column, index + 1], { type: SnmpType.Integer, value: index + 1 }];
        }
      }
    }
    const hit = rows.find(([o]) => compare(o, oid) > 0);
    return hit === undefined ? [[...oid], END_OF_MIB_VIEW] : [hit[0], hit[1]];
  };

  const encodeVarbind = (oid: readonly number[], value: Value): Buffer =>
    tlv(Tag.Sequence, Buffer.concat([encodeOidTlv([...oid]), 'raw' in value ? value.raw : encodeValue(value.type, value.value)]));

  const agent = await startUdpAgent((msg) => {
    const req = decodeMessage(msg);
    if (req.community !== community) return;
    const uptime = 100_000 + Math.floor((Date.now() - startedAt) / 10);
    const oids = req.varbinds.map((vb) => parseOid(vb.oid));
    const out: Buffer[] = [];
    if (req.pduType === Tag.GetRequest) {
      for (const oid of oids) {
        const v = formatIs(oid, '1.3.6.1.2.1.1.3.0') ? { type: SnmpType.TimeTicks, value: uptime } : valueAt(oid);
        out.push(encodeVarbind(oid, v ?? NO_SUCH_INSTANCE));
      }
    } else if (req.pduType === Tag.GetNextRequest) {
      for (const oid of oids) out.push(encodeVarbind(...next(oid)));
    } else if (req.pduType === Tag.GetBulkRequest) {
      const reps = Math.max(1, req.errorIndex);
      // Oversized: far more repetitions than asked, as a broken or hostile agent might send.
      const total = mode === 'oversized' ? Math.min(2_000, 20 * reps * oids.length) : reps * oids.length;
      const cursors = oids.map((o) => [...o]);
      for (let n = 0; n < total; n++) {
        const i = n % cursors.length;
        const [oid, value] = next(cursors[i] as number[]);
        out.push(encodeVarbind(oid, value));
        cursors[i] = oid;
      }
    } else {
      return;
    }
    const pdu = tlv(Tag.Response, Buffer.concat([encodeValue(SnmpType.Integer, req.requestId), encodeValue(SnmpType.Integer, 0), encodeValue(SnmpType.Integer, 0), tlv(Tag.Sequence, Buffer.concat(out))]));
    const reply = tlv(Tag.Sequence, Buffer.concat([encodeValue(SnmpType.Integer, req.version), encodeValue(SnmpType.OctetString, Buffer.from(community, 'latin1')), pdu]));
    answered++;
    return reply;
  });

  return { ...agent, community, requests: () => answered };
}

function formatIs(oid: readonly number[], text: string): boolean {
  return oid.join('.') === text;
}
