/** `linkscope device add|list|remove`: manage the inventory from the shell. */
import { formatAgent } from '../model/address.js';
import { configuredMetricNames, createSnmpClient, forgetDeviceState, openInventoryFor } from '../app.js';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { entriesFromText, planImport, type ImportRowReport } from '../inventory/import-rows.js';
import { checkMetricNames, checkMetricsConfigured, deviceInvalid, parseNewDeviceBody } from '../inventory/validate.js';
import { describeError, isLinkscopeError, LinkscopeError } from '../model/errors.js';
import type { Device, SnmpTarget } from '../model/types.js';
import { asOid } from '../snmp/values.js';
import { SYSTEM } from '../discovery/oids.js';
import {
  CONFIG_OPTION,
  configFor,
  EXIT_FAILURE,
  EXIT_OK,
  parse,
  parseHostPort,
  quietLogger,
  SNMP_OPTIONS,
  snmpBodyFrom,
  table,
  usageError,
  warnTo,
  withFlagNames,
  write,
  type CommandContext,
} from './common.js';

export const DEVICE_HELP = `Usage:
  linkscope device add HOST[:PORT] --community STR [--version 1|2c] [--name NAME] [--site SITE] [--interval 30s] [--metric NAME]... [--no-check]
  linkscope device add HOST[:PORT] --version 3 --user U --level noAuthNoPriv|authNoPriv|authPriv
        [--auth-protocol md5|sha|sha224|sha256|sha384|sha512 --auth-key K]
        [--priv-protocol des|aes|aes256b|aes256r --priv-key K] [--context C] [--name NAME] [--site SITE] [--interval 30s] [--metric NAME]...
  linkscope device list [--json]
  linkscope device metrics ID|NAME [METRIC...]
  linkscope device remove ID|NAME
  linkscope device import FILE.csv|FILE.yaml [--dry-run] [--json]

add checks that the device answers (sysObjectID.0) before storing it, unless --no-check,
and prints the new id. Version defaults to 2c; port to 161; site to "default" (--site: 1-63
letters, digits, . _ -, e.g. dc-1).
import adds every device of a file, or none: all rows are checked first and a report names each
bad row. CSV: a header line with columns host,port,name,interval,site,version,community,user,level,
authProtocol,authKey,privProtocol,privKey,context (empty cells = default; # lines skipped).
YAML/JSON: a list of entries with the same keys, or POST /devices bodies. import does not ask
the devices (the poller will); --dry-run only checks the file.
--metric (repeatable) names a custom metric of the configuration (metrics, docs/custom-metrics.md)
to poll on the device whatever its selectors; device metrics sets that list (none = clear it).
Options: --config FILE, --json (add, list), --help`;

export async function deviceCommand(ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = ctx.argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    write(ctx.stdout, DEVICE_HELP);
    return EXIT_OK;
  }
  if (sub === 'add') return add(ctx, rest);
  if (sub === 'list' || sub === 'ls') return list(ctx, rest);
  if (sub === 'remove' || sub === 'rm') return remove(ctx, rest);
  if (sub === 'import') return importFile(ctx, rest);
  if (sub === 'metrics') return setMetrics(ctx, rest);
  throw usageError(`unknown device command "${sub}"; use add, list, remove, import or metrics (linkscope device --help)`);
}

async function add(ctx: CommandContext, argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...CONFIG_OPTION,
    ...SNMP_OPTIONS,
    name: { type: 'string' },
    site: { type: 'string' },
    interval: { type: 'string' },
    metric: { type: 'string', multiple: true },
    'no-check': { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  }, true, 'device add');
  if (values.help === true) {
    write(ctx.stdout, DEVICE_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw usageError('device add needs exactly one HOST[:PORT] (linkscope device --help)');
  const { host, port } = parseHostPort(positionals[0] ?? '');
  const { metric, ...flags } = values;
  const body: Record<string, unknown> = { host, port, snmp: snmpBodyFrom(flags) };
  if (values.name !== undefined) body['name'] = values.name;
  if (values.site !== undefined) body['site'] = values.site;
  if (values.interval !== undefined) body['interval'] = values.interval;
  if (metric !== undefined) body['metrics'] = metric;
  let input;
  try {
    input = parseNewDeviceBody(body);
  } catch (err) {
    throw withFlagNames(err);
  }
  const config = configFor(values.config, ctx.env, warnTo(ctx.stderr));
  checkMetricsConfigured(input.metrics, configuredMetricNames(config), '--metric');
  const logger = quietLogger(config, ctx.env);
  let sysObjectID: string | null = null;
  if (values['no-check'] !== true) sysObjectID = await checkAnswers({ host: input.host, port: input.port ?? 161, credentials: input.snmp, ...config.snmp }, logger);
  const inventory = await openInventoryFor(config, logger);
  try {
    const device = await inventory.add(input);
    if (values.json === true) write(ctx.stdout, JSON.stringify({ ...deviceJson(device), sysObjectID }));
    else write(ctx.stdout, `added device ${device.id} (${device.name}, ${formatAgent(device.host, device.port)}${sysObjectID === null ? '' : `, sysObjectID ${sysObjectID}`})`);
    return EXIT_OK;
  } finally {
    await inventory.close();
  }
}

/** GET sysObjectID.0 once; a device that does not answer is not added (the error says why). */
async function checkAnswers(target: SnmpTarget, logger: import('../observability/logger.js').Logger): Promise<string> {
  const session = createSnmpClient(logger).open(target);
  try {
    const [vb] = await session.get([SYSTEM.sysObjectID.oid]);
    const oid = asOid(vb?.value ?? null);
    if (oid === '') throw new LinkscopeError('LS_SNMP_BAD_RESPONSE', `${formatAgent(target.host, target.port)} answered without a sysObjectID.0; is it an SNMP agent with the MIB-II system group? (--no-check adds it anyway)`);
    return oid;
  } catch (err) {
    if (err instanceof LinkscopeError && err.code !== 'LS_SNMP_BAD_RESPONSE') {
      throw new LinkscopeError(err.code, `${err.message} (device not added; --no-check adds it anyway)`, { cause: err });
    }
    throw err;
  } finally {
    session.close();
  }
}

async function list(ctx: CommandContext, argv: readonly string[]): Promise<number> {
  const { values } = parse(argv, { ...CONFIG_OPTION, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, false, 'device list');
  if (values.help === true) {
    write(ctx.stdout, DEVICE_HELP);
    return EXIT_OK;
  }
  const config = configFor(values.config, ctx.env, warnTo(ctx.stderr));
  const inventory = await openInventoryFor(config, quietLogger(config, ctx.env));
  try {
    const devices = inventory.list();
    if (values.json === true) {
      write(ctx.stdout, JSON.stringify(devices.map(deviceJson)));
    } else if (devices.length === 0) {
      write(ctx.stdout, 'no devices; add one with: linkscope device add HOST --community STR');
    } else {
      const rows = devices.map((d) => [
        String(d.id),
        d.name,
        d.site,
        `${formatAgent(d.host, d.port)}`,
        d.snmp.version === '3' ? `v3 ${d.snmp.user} ${d.snmp.level}` : `v${d.snmp.version}`,
        d.intervalMs === null ? 'default' : `${d.intervalMs / 1000}s`,
        d.discoveredBy === null ? '-' : String(d.discoveredBy),
      ]);
      write(ctx.stdout, table(['ID', 'NAME', 'SITE', 'AGENT', 'SNMP', 'INTERVAL', 'DISCOVERED BY'], rows));
    }
    return EXIT_OK;
  } finally {
    await inventory.close();
  }
}

async function remove(ctx: CommandContext, argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...CONFIG_OPTION, help: { type: 'boolean', short: 'h' } }, true, 'device remove');
  if (values.help === true) {
    write(ctx.stdout, DEVICE_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw usageError('device remove needs one ID or NAME (linkscope device --help)');
  const config = configFor(values.config, ctx.env, warnTo(ctx.stderr));
  const inventory = await openInventoryFor(config, quietLogger(config, ctx.env));
  try {
    const d = await inventory.remove(positionals[0] ?? '');
    await forgetDeviceState(config, d.id);
    write(ctx.stdout, `removed device ${d.id} (${d.name}); its history stays in InfluxDB`);
    return EXIT_OK;
  } catch (err) {
    throw err instanceof LinkscopeError ? err : new LinkscopeError('LS_INVENTORY_DB', describeError(err), { cause: err });
  } finally {
    await inventory.close();
  }
}

/** Device as JSON for --json: secrets print as *** through Secret.toJSON. */
export function deviceJson(d: Device): Record<string, unknown> {
  return { id: d.id, name: d.name, site: d.site, host: d.host, port: d.port, snmp: d.snmp, intervalMs: d.intervalMs, discoveredBy: d.discoveredBy, ...(d.metrics === undefined ? {} : { metrics: d.metrics }), createdAt: d.createdAt, updatedAt: d.updatedAt };
}

/** `device metrics ID|NAME [METRIC...]`: the custom metrics polled on the device whatever their selectors; none = clear. */
async function setMetrics(ctx: CommandContext, argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...CONFIG_OPTION, help: { type: 'boolean', short: 'h' } }, true, 'device metrics');
  if (values.help === true) {
    write(ctx.stdout, DEVICE_HELP);
    return EXIT_OK;
  }
  const [ref, ...names] = positionals;
  if (ref === undefined) throw usageError('device metrics needs ID|NAME, then the metric names (none clears the list) (linkscope device --help)');
  const problems: string[] = [];
  const metrics = checkMetricNames(names, 'metrics', problems);
  if (metrics === undefined) throw deviceInvalid(problems);
  const config = configFor(values.config, ctx.env, warnTo(ctx.stderr));
  checkMetricsConfigured(metrics, configuredMetricNames(config));
  const inventory = await openInventoryFor(config, quietLogger(config, ctx.env));
  try {
    const d = await inventory.update(inventory.get(ref).id, { metrics });
    write(ctx.stdout, metrics.length === 0 ? `device ${d.id} (${d.name}): no custom metrics of its own; the selectors decide` : `device ${d.id} (${d.name}): custom metrics ${metrics.join(', ')}`);
    return EXIT_OK;
  } finally {
    await inventory.close();
  }
}

/** `device import FILE`: every row valid and new, or nothing stored; one report line per row. */
async function importFile(ctx: CommandContext, argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...CONFIG_OPTION, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, true, 'device import');
  if (values.help === true) {
    write(ctx.stdout, DEVICE_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw usageError('device import needs one FILE.csv or FILE.yaml (linkscope device --help)');
  const file = positionals[0] ?? '';
  const ext = extname(file).toLowerCase();
  if (!['.csv', '.yaml', '.yml', '.json'].includes(ext)) throw usageError(`${file}: use a .csv, .yaml, .yml or .json file`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new LinkscopeError('LS_DEVICE_INVALID', `cannot read ${file}: ${describeError(err)}`, { cause: err });
  }
  const plan = planImport(entriesFromText(text, ext === '.csv' ? 'csv' : 'yaml', file));
  const report = (rows: readonly ImportRowReport[], extra: Record<string, unknown>): void => {
    if (values.json === true) write(ctx.stdout, JSON.stringify({ ...extra, rows }));
    else for (const r of rows) write(r.ok ? ctx.stdout : ctx.stderr, `row ${r.row}: ${r.ok ? `ok ${r.name ?? r.host ?? ''}` : r.problems.join('; ')}`);
  };
  const bad = plan.rows.filter((r) => !r.ok);
  if (bad.length > 0) {
    report(plan.rows, { imported: 0 });
    write(ctx.stderr, `linkscope: ${bad.length} of ${plan.rows.length} rows of ${file} are invalid; nothing was imported [LS_DEVICE_INVALID]`);
    return EXIT_FAILURE;
  }
  if (values['dry-run'] === true) {
    report(plan.rows, { imported: 0, dryRun: true });
    if (values.json !== true) write(ctx.stdout, `${plan.rows.length} rows of ${file} are valid; nothing imported (--dry-run)`);
    return EXIT_OK;
  }
  const config = configFor(values.config, ctx.env, warnTo(ctx.stderr));
  const configured = configuredMetricNames(config);
  plan.devices.forEach((d, i) => {
    try {
      checkMetricsConfigured(d.metrics, configured);
    } catch (err) {
      if (isLinkscopeError(err)) throw new LinkscopeError(err.code, `row ${i + 1} of ${file}: ${err.message}; nothing was imported`, { cause: err });
      throw err;
    }
  });
  const inventory = await openInventoryFor(config, quietLogger(config, ctx.env));
  try {
    const added = await inventory.addMany(plan.devices);
    const rows = plan.rows.map((r, i) => ({ ...r, id: added[i]?.id, name: added[i]?.name }));
    if (values.json === true) write(ctx.stdout, JSON.stringify({ imported: added.length, rows }));
    else {
      for (const r of rows) write(ctx.stdout, `row ${r.row}: added device ${r.id ?? '?'} (${r.name ?? '?'})`);
      write(ctx.stdout, `imported ${added.length} devices from ${file}; a running serve polls them within seconds`);
    }
    return EXIT_OK;
  } catch (err) {
    const row = isLinkscopeError(err) ? err.details?.['row'] : undefined;
    if (isLinkscopeError(err) && typeof row === 'number') {
      throw new LinkscopeError(err.code, `row ${row + 1} of ${file}: ${err.message}; nothing was imported`, { cause: err });
    }
    throw err;
  } finally {
    await inventory.close();
  }
}
