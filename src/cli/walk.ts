/** `linkscope walk HOST[:PORT] OID|NAME`: like snmpbulkwalk, with names from mibs/. */
import { createSnmpClient } from '../app.js';
import { parseNewDeviceBody } from '../inventory/validate.js';
import { MibStore } from '../mib/mib-store.js';
import { SnmpType, type VarBind } from '../snmp/types.js';
import { CONFIG_OPTION, configFor, EXIT_OK, parse, parseHostPort, quietLogger, SNMP_OPTIONS, snmpBodyFrom, usageError, warnTo, withFlagNames, write, type CommandContext } from './common.js';

export const WALK_HELP = `Usage: linkscope walk HOST[:PORT] OID|NAME [--community STR] [--version 1|2c|3] [v3 options] [--numeric] [--json]

Walks a subtree (GETBULK for v2c/v3, GETNEXT for v1) and prints one line per varbind, with
names from the MIB modules in mibs/ (e.g. IF-MIB::ifDescr, ifHCInOctets, 1.3.6.1.2.1.2.2).
v3 options as in 'linkscope device --help'. --numeric prints numeric OIDs (like snmpwalk -On).`;

export async function walkCommand(ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse(ctx.argv, { ...CONFIG_OPTION, ...SNMP_OPTIONS, numeric: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, true, 'walk');
  if (values.help === true) {
    write(ctx.stdout, WALK_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 2) throw usageError('walk needs HOST[:PORT] and an OID or name (linkscope walk --help)');
  const { host, port } = parseHostPort(positionals[0] ?? '');
  const mibs = MibStore.load();
  // A module that does not load only loses its own names; say which, once, on stderr.
  for (const m of mibs.skipped) ctx.stderr.write(`linkscope: MIB module ${m.module} (${m.path}) not loaded: ${m.reason}\n`);
  const root = mibs.oidForName(positionals[1] ?? '');
  let device;
  try {
    // net-snmp's tools default the community to "public" for v1/v2c; v3 has no community at all.
    const defaults = values.version === '3' ? {} : { community: 'public' };
    device = parseNewDeviceBody({ host, port, snmp: snmpBodyFrom({ ...defaults, ...values }) });
  } catch (err) {
    throw withFlagNames(err);
  }
  const config = configFor(values.config, ctx.env, warnTo(ctx.stderr));
  const session = createSnmpClient(quietLogger(config, ctx.env)).open({ host: device.host, port: device.port ?? 161, credentials: device.snmp, ...config.snmp });
  try {
    const varbinds = await session.walk(root);
    if (values.json === true) {
      write(ctx.stdout, JSON.stringify(varbinds.map((vb) => ({ oid: vb.oid, name: mibs.nameForOid(vb.oid), type: vb.type, value: jsonValue(vb) }))));
    } else {
      const lines = varbinds.map((vb) => `${values.numeric === true ? `.${vb.oid}` : mibs.nameForOid(vb.oid)} = ${formatValue(vb, mibs)}`);
      if (lines.length === 0) lines.push(`${positionals[1]}: no such object in this agent`);
      write(ctx.stdout, lines.join('\n'));
    }
    return EXIT_OK;
  } finally {
    session.close();
  }
}

function printable(buf: Buffer): boolean {
  for (const b of buf) if ((b < 0x20 || b > 0x7e) && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  return true;
}

function hex(buf: Buffer): string {
  return [...buf].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** Value text in snmpwalk's style: `STRING: "eth0"`, `Counter64: 123`, `Timeticks: (4200) 0:00:42.00`. */
export function formatValue(vb: VarBind, mibs?: MibStore): string {
  const v = vb.value;
  switch (vb.type) {
    case SnmpType.Integer: {
      // As snmpwalk: `INTEGER: up(1)` where the MIB enumerates the value.
      const name = mibs !== undefined && typeof v === 'number' ? mibs.enumName(vb.oid, v) : undefined;
      return `INTEGER: ${name === undefined ? String(v) : `${name}(${String(v)})`}`;
    }
    case SnmpType.OctetString:
      return Buffer.isBuffer(v) ? (printable(v) ? `STRING: "${v.toString('utf8')}"` : `Hex-STRING: ${hex(v)}`) : `STRING: "${String(v)}"`;
    case SnmpType.ObjectIdentifier:
      return `OID: ${mibs !== undefined && typeof v === 'string' ? mibs.nameForOid(v) : `.${String(v)}`}`;
    case SnmpType.IpAddress:
      return `IpAddress: ${String(v)}`;
    case SnmpType.Counter32:
      return `Counter32: ${String(v)}`;
    case SnmpType.Gauge32:
      return `Gauge32: ${String(v)}`;
    case SnmpType.Counter64:
      return `Counter64: ${String(v)}`;
    case SnmpType.TimeTicks: {
      const t = typeof v === 'number' ? v : 0;
      const cs = t % 100;
      const s = Math.floor(t / 100);
      const d = Math.floor(s / 86400);
      const hh = Math.floor((s % 86400) / 3600);
      const mm = Math.floor((s % 3600) / 60);
      const ss = s % 60;
      return `Timeticks: (${t}) ${d > 0 ? `${d} day${d === 1 ? '' : 's'}, ` : ''}${hh}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}.${String(cs).padStart(2, '0')}`;
    }
    case SnmpType.Opaque:
      return `OPAQUE: ${Buffer.isBuffer(v) ? hex(v) : String(v)}`;
    case SnmpType.NoSuchObject:
      return 'No Such Object available on this agent at this OID';
    case SnmpType.NoSuchInstance:
      return 'No Such Instance currently exists at this OID';
    case SnmpType.EndOfMibView:
      return 'No more variables left in this MIB View';
    default:
      return `${String(v)}`;
  }
}

function jsonValue(vb: VarBind): string | number | null {
  const v = vb.value;
  if (v === null) return null;
  if (typeof v === 'bigint') return v.toString();
  if (Buffer.isBuffer(v)) return printable(v) ? v.toString('utf8') : v.toString('hex');
  return v;
}
