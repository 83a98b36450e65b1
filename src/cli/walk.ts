/** `linkscope walk HOST[:PORT] OID|NAME`: like snmpbulkwalk, with names from mibs/. */
import { createSnmpClient } from '../app.js';
import { parseNewDeviceBody } from '../inventory/validate.js';
import type { Config } from '../config/index.js';
import { formatValue } from '../mib/format-value.js';
import { MibStore, describeSkipped } from '../mib/mib-store.js';
import type { VarBind } from '../snmp/types.js';
import { CONFIG_OPTION, configFor, EXIT_OK, parse, parseHostPort, quietLogger, SNMP_OPTIONS, snmpBodyFrom, usageError, warnTo, withFlagNames, write, type CommandContext } from './common.js';

export const WALK_HELP = `Usage: linkscope walk HOST[:PORT] OID|NAME [--community STR] [--version 1|2c|3] [v3 options] [--numeric] [--json]

Walks a subtree (GETBULK for v2c/v3, GETNEXT for v1) and prints one line per varbind as
snmpwalk does: IF-MIB::ifOperStatus.3 = INTEGER: up(1), IF-MIB::ifDescr.1 = STRING: lo, with
names, enumerations and DISPLAY-HINTs from the shipped MIB modules (mibs/) and your own folders
(config mibs.dirs, LINKSCOPE_MIB_DIRS). OID|NAME: IF-MIB::ifDescr, ifHCInOctets, 1.3.6.1.2.1.2.2.
Table indexes are decoded as snmpwalk does: vacmGroupName.1."comm1", ipv4."127.0.0.1".
v3 options as in 'linkscope device --help'. --numeric prints numeric OIDs (like snmpwalk -On);
--json prints [{oid, name, type, value, text}].`;

/**
 * The shipped modules plus `mibs.dirs`, once per command. A module that does not load only loses
 * its own names: each is said once on stderr, `path:line: MIB module X not loaded: reason`.
 */
export function loadMibs(config: Config, stderr: NodeJS.WritableStream): MibStore {
  const mibs = MibStore.load({ dirs: config.mibs.dirs });
  for (const m of mibs.skipped) stderr.write(`linkscope: ${describeSkipped(m)}\n`);
  return mibs;
}

export async function walkCommand(ctx: CommandContext): Promise<number> {
  const { values, positionals } = parse(ctx.argv, { ...CONFIG_OPTION, ...SNMP_OPTIONS, numeric: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, true, 'walk');
  if (values.help === true) {
    write(ctx.stdout, WALK_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 2) throw usageError('walk needs HOST[:PORT] and an OID or name (linkscope walk --help)');
  const { host, port } = parseHostPort(positionals[0] ?? '');
  const config = configFor(values.config, ctx.env, warnTo(ctx.stderr));
  const mibs = loadMibs(config, ctx.stderr);
  const root = mibs.oidForName(positionals[1] ?? '');
  let device;
  try {
    // net-snmp's tools default the community to "public" for v1/v2c; v3 has no community at all.
    const defaults = values.version === '3' ? {} : { community: 'public' };
    device = parseNewDeviceBody({ host, port, snmp: snmpBodyFrom({ ...defaults, ...values }) });
  } catch (err) {
    throw withFlagNames(err);
  }
  const session = createSnmpClient(quietLogger(config, ctx.env)).open({ host: device.host, port: device.port ?? 161, credentials: device.snmp, ...config.snmp });
  try {
    const varbinds = await session.walk(root);
    if (values.json === true) {
      write(ctx.stdout, JSON.stringify(varbinds.map((vb) => ({ oid: vb.oid, name: mibs.nameForOid(vb.oid), type: vb.type, value: jsonValue(vb), text: formatValue(vb, mibs) }))));
    } else {
      // -On prints OID values numerically too (`OID: .1.3.6.1.4.1.8072.3.2.10`); enumerations stay.
      // Names with table indexes decoded as snmpwalk prints them (vacmGroupName.1."comm1").
      const lookup = { object: (o: string) => mibs.object(o), nameForOid: (o: string) => (values.numeric === true ? o : mibs.formatOid(o)) };
      const lines = varbinds.map((vb) => `${values.numeric === true ? `.${vb.oid}` : mibs.formatOid(vb.oid)} = ${formatValue(vb, lookup)}`);
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

function jsonValue(vb: VarBind): string | number | null {
  const v = vb.value;
  if (v === null) return null;
  if (typeof v === 'bigint') return v.toString();
  if (Buffer.isBuffer(v)) return printable(v) ? v.toString('utf8') : v.toString('hex');
  return v;
}
