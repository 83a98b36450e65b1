/** The Docker deployment, checked without Docker: compose wiring against the config schema, Grafana provisioning, and every dashboard query against a real influxd. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { main } from '../../src/cli/main.js';
import { FIELDS, FILE_ENV, loadConfig } from '../../src/config/index.js';
import { createLogger, silentLogger } from '../../src/observability/logger.js';
import { InfluxSink } from '../../src/storage/influx-sink.js';
import { MemoryInventory } from '../../src/inventory/memory-inventory.js';
import { Secret } from '../../src/model/secret.js';
import { Poller } from '../../src/poller/poller.js';
import { NetSnmpClient } from '../../src/snmp/net-snmp-client.js';
import { CounterStore } from '../../src/state/counter-store.js';
import { LiveState } from '../../src/state/live-state.js';
import { HealthState } from '../../src/state/health-state.js';
import { WirelessState } from '../../src/state/wireless-state.js';
import type { HealthEngine, WirelessEngine } from '../../src/poller/types.js';
import { FIELD_KINDS, MEASUREMENT, TAG } from '../../src/storage/schema.js';
import type { SampleSink } from '../../src/storage/types.js';
import { withSnmpsim, type SnmpsimHandle } from '../helpers/with-snmpsim.js';
import { freePort } from '../helpers/free-port.js';
import { startInfluxd, type InfluxdHandle, type InfluxQueryResult } from '../helpers/with-influxd.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

// ---------------------------------------------------------------------------------------------
// docker-compose.yml: parsed with the yaml package, interpolated the way `docker compose` does.
// ---------------------------------------------------------------------------------------------

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  volumes?: string[];
  ports?: string[];
  depends_on?: string[] | Record<string, unknown>;
  profiles?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const compose = parseYaml(read('docker-compose.yml')) as ComposeFile;

function service(name: string): ComposeService {
  const s = compose.services[name];
  if (s === undefined) throw new Error(`docker-compose.yml has no service "${name}"`);
  return s;
}

/**
 * Compose's variable substitution: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default},
 * ${VAR:?error}, ${VAR?error}. A `$` followed by anything else is an error in compose too.
 */
function interpolate(text: string, vars: Readonly<Record<string, string | undefined>>): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 1;
      continue;
    }
    if (next === '{') {
      const end = text.indexOf('}', i + 2);
      if (end < 0) throw new Error(`unterminated \${ in ${JSON.stringify(text)}`);
      const body = text.slice(i + 2, end);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])(.*))?$/s.exec(body);
      if (m === null) throw new Error(`invalid interpolation \${${body}} in ${JSON.stringify(text)}`);
      const [, name = '', colon, op, arg = ''] = m;
      const value = vars[name];
      const missing = value === undefined || (colon === ':' && value === '');
      if (op === '?' && missing) throw new Error(`required variable ${name} is missing a value: ${arg}`);
      out += op === '-' && missing ? arg : (value ?? '');
      i = end;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (m === null) throw new Error(`invalid interpolation format at "${text.slice(i, i + 10)}" in ${JSON.stringify(text)}`);
    out += vars[m[0]] ?? '';
    i += m[0].length;
  }
  return out;
}

/** A service's environment as compose hands it to the container (after substitution). */
function serviceEnv(name: string, vars: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const env = service(name).environment ?? {};
  const entries: [string, string][] = Array.isArray(env)
    ? env.map((kv) => {
        const at = kv.indexOf('=');
        return at < 0 ? [kv, ''] : [kv.slice(0, at), kv.slice(at + 1)];
      })
    : Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]);
  return Object.fromEntries(entries.map(([k, v]) => [k, interpolate(v, vars)]));
}

/** Every string in the compose file, to check that compose could interpolate each one. */
function allStrings(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) for (const v of node) allStrings(v, out);
  else if (typeof node === 'object' && node !== null) for (const v of Object.values(node)) allStrings(v, out);
  return out;
}

/** `./host/path:/container/path[:ro]` bind mounts and `name:/path` named volumes of a service. */
function mounts(name: string): { source: string; target: string; readOnly: boolean }[] {
  return (service(name).volumes ?? []).map((spec) => {
    const [source = '', target = '', mode] = spec.split(':');
    return { source, target, readOnly: mode === 'ro' };
  });
}

const HOST_VARS = { LINKSCOPE_API_TOKEN: 'compose-test-token-0123456789abcdef' };

// ---------------------------------------------------------------------------------------------
// Dockerfile
// ---------------------------------------------------------------------------------------------

const dockerfile = read('Dockerfile');
/** Instructions with continuation lines joined. */
const instructions = dockerfile
  .replace(/\\\r?\n/g, ' ')
  .split(/\r?\n/)
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'))
  .map((l) => {
    const m = /^(\S+)\s+(.*)$/.exec(l);
    return { op: (m?.[1] ?? l).toUpperCase(), args: m?.[2] ?? '' };
  });
const runtimeStage = instructions.slice(instructions.map((i) => i.op).lastIndexOf('FROM'));

function execForm(op: string): string[] {
  const found = runtimeStage.filter((i) => i.op === op).at(-1);
  if (found === undefined) throw new Error(`the Dockerfile's runtime stage has no ${op}`);
  const parsed: unknown = JSON.parse(found.args);
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) throw new Error(`${op} is not in exec form`);
  return parsed as string[];
}

/** ENV of the runtime stage, `ENV A=1 B=2` form. */
function dockerfileEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of runtimeStage.filter((x) => x.op === 'ENV')) {
    for (const m of i.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) env[m[1] ?? ''] = (m[2] ?? '').replace(/^"|"$/g, '');
  }
  return env;
}

function healthcheckCommand(): string[] {
  const hc = runtimeStage.find((i) => i.op === 'HEALTHCHECK');
  if (hc === undefined) throw new Error('the runtime stage has no HEALTHCHECK');
  const m = /\bCMD\s+(\[.*\])\s*$/.exec(hc.args);
  if (m === null) throw new Error('HEALTHCHECK CMD is not in exec form');
  return JSON.parse(m[1] ?? '[]') as string[];
}

// ---------------------------------------------------------------------------------------------
// Grafana provisioning and dashboards
// ---------------------------------------------------------------------------------------------

interface ProvisionedDatasource {
  name: string;
  uid: string;
  type: string;
  access: string;
  url: string;
  database?: string;
  jsonData?: { dbName?: string; version?: string };
}
const datasources = (parseYaml(read('deploy/grafana/provisioning/datasources/influxdb.yml')) as { datasources: ProvisionedDatasource[] }).datasources;
const influxDatasource = datasources.find((d) => d.type === 'influxdb');
const providers = (parseYaml(read('deploy/grafana/provisioning/dashboards/linkscope.yml')) as { providers: { type: string; options: { path: string } }[] }).providers;

const DASHBOARD_DIR = 'deploy/grafana/dashboards';
const dashboardFiles = readdirSync(join(ROOT, DASHBOARD_DIR)).filter((f) => f.endsWith('.json'));

interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  templating: { list: { name: string; query: string; datasource?: unknown }[] };
  panels: Panel[];
}
interface Panel {
  title: string;
  type: string;
  datasource?: unknown;
  targets?: { refId: string; query?: string; rawQuery?: boolean; datasource?: unknown }[];
  panels?: Panel[];
}
const dashboards = dashboardFiles.map((file) => ({ file, json: JSON.parse(read(join(DASHBOARD_DIR, file))) as Dashboard }));

interface DashboardQuery {
  where: string;
  query: string;
}

function panelsOf(panels: readonly Panel[]): Panel[] {
  return panels.flatMap((p) => [p, ...panelsOf(p.panels ?? [])]);
}

/** Every InfluxQL statement of a dashboard: template variables and panel targets. */
function queriesOf(d: Dashboard, file: string): DashboardQuery[] {
  const vars = d.templating.list.map((v) => ({ where: `${file} variable $${v.name}`, query: v.query }));
  const targets = panelsOf(d.panels).flatMap((p) => (p.targets ?? []).map((t) => ({ where: `${file} panel "${p.title}" ${t.refId}`, query: t.query ?? '' })));
  return [...vars, ...targets];
}
const allQueries = dashboards.flatMap(({ file, json }) => queriesOf(json, file));

/** Every `datasource` reference anywhere in a dashboard. */
function datasourceRefs(node: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) for (const v of node) datasourceRefs(v, out);
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'datasource') out.push(v);
      else datasourceRefs(v, out);
    }
  }
  return out;
}

/** @grafana/data escapeRegex: what Grafana does to a variable value inside /regex/. */
function grafanaRegex(values: readonly string[]): string {
  const escaped = values.map((v) => v.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&'));
  return escaped.length === 1 ? (escaped[0] ?? '') : `(${escaped.join('|')})`;
}

/**
 * Grafana's InfluxQL macros and variables, as Grafana would substitute them for a 1h range. `ap`
 * absent = "All", which the wireless dashboard sets to `.*` (allValue) rather than an alternation.
 */
function substitute(query: string, vars: { device: readonly string[]; ifName: readonly string[]; ap?: readonly string[] }): string {
  return query
    .replaceAll('$ap', vars.ap === undefined ? '.*' : grafanaRegex(vars.ap))
    .replaceAll('$timeFilter', 'time > now() - 1h')
    .replaceAll('$__interval_ms', '10000')
    .replaceAll('$__interval', '10s')
    .replaceAll('$device', grafanaRegex(vars.device))
    .replaceAll('$ifName', grafanaRegex(vars.ifName));
}

/** Quoted identifiers of a query: measurement, tag and field keys, and aliases. */
function identifiers(query: string): { name: string; isAlias: boolean }[] {
  return [...query.matchAll(/(\bAS\s+)?"([^"]+)"/gi)].map((m) => ({ name: m[2] ?? '', isAlias: m[1] !== undefined }));
}

function seriesCount(result: InfluxQueryResult): number {
  return (result.results ?? []).reduce((n, r) => n + (r.series?.length ?? 0), 0);
}

/** Columns that hold no value in any row of any series (a field the query names but nothing writes). */
function emptyColumns(result: InfluxQueryResult): string[] {
  const filled = new Map<string, boolean>();
  for (const series of (result.results ?? []).flatMap((r) => r.series ?? [])) {
    series.columns.forEach((column, i) => {
      if (column === 'time') return;
      filled.set(column, (filled.get(column) ?? false) || series.values.some((row) => row[i] !== null && row[i] !== undefined));
    });
  }
  return [...filled].filter(([, ok]) => !ok).map(([column]) => column);
}

function resultError(result: InfluxQueryResult): string | undefined {
  return result.error ?? result.results?.find((r) => r.error !== undefined)?.error;
}

// =============================================================================================

describe('docker-compose.yml', () => {
  it('uses only variable substitutions compose understands', () => {
    const vars = { ...HOST_VARS, GRAFANA_ADMIN_PASSWORD: 'x', LINKSCOPE_POLL_INTERVAL: '30s', LINKSCOPE_LOG_LEVEL: 'debug' };
    for (const s of allStrings(compose)) expect(() => interpolate(s, vars), s).not.toThrow();
  });

  it('refuses to start without LINKSCOPE_API_TOKEN, naming the variable', () => {
    for (const name of ['linkscope', 'demo']) {
      expect(() => serviceEnv(name, {})).toThrow(/LINKSCOPE_API_TOKEN.*set LINKSCOPE_API_TOKEN/);
      // `:?` also rejects an empty value, which the app would take as "no token".
      expect(() => serviceEnv(name, { LINKSCOPE_API_TOKEN: '' })).toThrow(/LINKSCOPE_API_TOKEN/);
    }
  });

  it.each(['linkscope', 'demo'])('passes the %s service only LINKSCOPE_* variables the config accepts', (name) => {
    const known = new Set([...FIELDS.map((f) => f.env), FILE_ENV]);
    const env = { ...dockerfileEnv(), ...serviceEnv(name, HOST_VARS) };
    const linkscopeVars = Object.keys(env).filter((k) => k.startsWith('LINKSCOPE_'));
    expect(linkscopeVars.length).toBeGreaterThan(3);
    expect(linkscopeVars.filter((k) => !known.has(k))).toEqual([]);
  });

  it.each(['linkscope', 'demo'])('gives the %s service an environment that loads to the intended config', (name) => {
    const env = { ...dockerfileEnv(), ...serviceEnv(name, HOST_VARS), HOME: '/home/node' };
    const config = loadConfig({ env, cwd: '/app' });
    expect(config.listen).toEqual({ host: '0.0.0.0', port: 8080 });
    expect(config.apiToken?.reveal()).toBe(HOST_VARS.LINKSCOPE_API_TOKEN);
    expect(config.influx.url).toBe('http://influxdb:8086');
    expect(config.influx.db).toBe(serviceEnv('influxdb', {})['INFLUXDB_DB']);
    // The key must live outside the data dir, each on its own volume.
    expect(relative(config.dataDir, config.secretKeyFile).startsWith('..')).toBe(true);
    const targets = mounts(name).map((m) => m.target);
    expect(targets).toContain(config.dataDir);
    expect(targets).toContain(posix.dirname(config.secretKeyFile));
    for (const m of mounts(name)) expect(compose.volumes ?? {}, `volume ${m.source}`).toHaveProperty(m.source);
    // The published port reaches the listen port.
    expect(service(name).ports?.some((p) => p.endsWith(`:${config.listen.port}`))).toBe(true);
  });

  it('points linkscope at the influxdb service on its HTTP port, and starts after it', () => {
    const url = new URL(serviceEnv('linkscope', HOST_VARS)['LINKSCOPE_INFLUX_URL'] ?? '');
    expect(Object.keys(compose.services)).toContain(url.hostname);
    expect(url.port).toBe('8086');
    expect(service(url.hostname).image).toMatch(/^influxdb:1\./);
    expect(service(url.hostname).ports?.some((p) => p.endsWith(':8086'))).toBe(true);
    for (const name of ['linkscope', 'demo', 'grafana']) expect(service(name).depends_on).toContain(url.hostname);
  });

  it('builds linkscope from this repository and keeps the demo behind a profile', () => {
    expect(service('linkscope').build).toBe('.');
    expect(service('demo').profiles).toEqual(['demo']);
    expect(service('linkscope').profiles).toBeUndefined();
    // Both run at once with `--profile demo`: their host ports must differ.
    const hostPort = (p: string): string => p.split(':').slice(0, -1).join(':');
    expect(new Set(service('linkscope').ports?.map(hostPort))).not.toEqual(new Set(service('demo').ports?.map(hostPort)));
  });

  it('wires the scale profile: two pollers on the postgres service, one key for both, nothing else shared', () => {
    const pollers = ['poller-1', 'poller-2'];
    for (const name of ['postgres', ...pollers]) expect(service(name).profiles).toEqual(['scale']);
    const known = new Set([...FIELDS.map((f) => f.env), FILE_ENV]);
    const pg = serviceEnv('postgres', HOST_VARS);
    // Not published: the database is reached on the compose network only.
    expect(service('postgres').ports).toBeUndefined();
    const configs = pollers.map((name) => {
      const env = { ...dockerfileEnv(), ...serviceEnv(name, HOST_VARS), HOME: '/home/node' };
      expect(Object.keys(env).filter((k) => k.startsWith('LINKSCOPE_') && !known.has(k))).toEqual([]);
      const config = loadConfig({ env, cwd: '/app' });
      const url = new URL(config.database.url?.reveal() ?? '');
      expect(url.hostname).toBe('postgres');
      expect(decodeURIComponent(url.username)).toBe(pg['POSTGRES_USER']);
      expect(decodeURIComponent(url.password)).toBe(pg['POSTGRES_PASSWORD']);
      expect(url.pathname).toBe(`/${pg['POSTGRES_DB']}`);
      expect(Object.keys(service(name).depends_on ?? {})).toEqual(expect.arrayContaining(['postgres', 'influxdb']));
      expect(config.influx.url).toBe('http://influxdb:8086');
      for (const m of mounts(name)) expect(compose.volumes ?? {}, `volume ${m.source}`).toHaveProperty(m.source);
      return { name, config, keyVolume: mounts(name).find((m) => m.target === posix.dirname(config.secretKeyFile))?.source, dataVolume: mounts(name).find((m) => m.target === config.dataDir)?.source };
    });
    // Every poller decrypts the same stored credentials: one key volume; spools stay apart.
    expect(new Set(configs.map((c) => c.keyVolume)).size).toBe(1);
    expect(configs[0]?.keyVolume).toBeDefined();
    expect(new Set(configs.map((c) => c.dataVolume)).size).toBe(pollers.length);
    expect(new Set(configs.map((c) => c.config.cluster.pollerId)).size).toBe(pollers.length);
    // All of them (and the default services) can run at once: distinct host ports.
    const hostPorts = ['linkscope', 'demo', ...pollers].flatMap((n) => (service(n).ports ?? []).map((p) => p.split(':').slice(0, -1).join(':')));
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });

  it('runs commands the CLI knows', async () => {
    const commands = [execForm('CMD')[0], ...[service('demo').command ?? []].flat()];
    for (const command of commands) {
      const out = new PassThrough();
      const err = new PassThrough();
      let text = '';
      out.on('data', (c: Buffer) => (text += c.toString()));
      expect(await main([command ?? '', '--help'], { env: {}, stdout: out, stderr: err }), command).toBe(0);
      expect(text).toContain(`linkscope ${command}`);
    }
  });
});

describe('Grafana provisioning', () => {
  it('has one InfluxQL datasource matching the influxdb service and its database', () => {
    expect(influxDatasource).toBeDefined();
    const ds = influxDatasource!;
    const db = serviceEnv('influxdb', {})['INFLUXDB_DB'];
    expect(ds.access).toBe('proxy');
    expect(ds.url).toBe(serviceEnv('linkscope', HOST_VARS)['LINKSCOPE_INFLUX_URL']);
    expect(ds.database).toBe(db);
    expect(ds.jsonData?.dbName).toBe(db);
    expect(ds.jsonData?.version ?? 'InfluxQL').toBe('InfluxQL');
    expect(ds.uid).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
  });

  it('mounts provisioning and dashboards from paths that exist, read-only', () => {
    const grafana = mounts('grafana');
    const binds = grafana.filter((m) => m.source.startsWith('./'));
    expect(binds.map((m) => m.target)).toContain('/etc/grafana/provisioning');
    for (const m of binds) {
      expect(existsSync(join(ROOT, m.source)), m.source).toBe(true);
      expect(m.readOnly, m.source).toBe(true);
    }
    /** The host file behind a path inside the Grafana container, or undefined. */
    const hostPath = (containerPath: string): string | undefined => {
      const m = binds.find((b) => containerPath === b.target || containerPath.startsWith(`${b.target}/`));
      return m === undefined ? undefined : join(ROOT, m.source, containerPath.slice(m.target.length));
    };
    const provisioning = hostPath('/etc/grafana/provisioning')!;
    expect(statSync(join(provisioning, 'datasources')).isDirectory()).toBe(true);
    expect(statSync(join(provisioning, 'dashboards')).isDirectory()).toBe(true);
    for (const p of providers) {
      expect(p.type).toBe('file');
      const dir = hostPath(p.options.path);
      expect(dir, `provider path ${p.options.path} is not mounted`).toBeDefined();
      expect(readdirSync(dir!).filter((f) => f.endsWith('.json')).sort()).toEqual([...dashboardFiles].sort());
    }
    const home = serviceEnv('grafana', {})['GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH'];
    if (home !== undefined) expect(existsSync(hostPath(home) ?? '/nonexistent'), home).toBe(true);
  });

  it('has the interfaces and devices dashboards with unique uids', () => {
    expect(dashboards.map((d) => d.json.title).sort()).toEqual(['linkscope — device health', 'linkscope — devices', 'linkscope — interfaces', 'linkscope — wireless']);
    expect(new Set(dashboards.map((d) => d.json.uid)).size).toBe(dashboards.length);
    for (const { json } of dashboards) expect(json.schemaVersion).toBeGreaterThanOrEqual(36);
  });

  it('refers to the provisioned datasource by uid everywhere', () => {
    for (const { file, json } of dashboards) {
      const refs = datasourceRefs(json).filter((r) => !(typeof r === 'object' && r !== null && (r as { type?: string }).type === 'grafana'));
      expect(refs.length, file).toBeGreaterThan(0);
      for (const r of refs) expect(r, file).toEqual({ type: 'influxdb', uid: influxDatasource?.uid });
      for (const p of panelsOf(json.panels)) {
        for (const t of p.targets ?? []) expect(t.rawQuery, `${file} ${p.title}`).toBe(true);
      }
    }
  });

  it('has the template variables device and ifName', () => {
    const ifs = dashboards.find((d) => d.json.uid === 'linkscope-interfaces')!.json;
    expect(ifs.templating.list.map((v) => v.name)).toEqual(['device', 'ifName']);
    expect(ifs.templating.list[0]?.query).toBe('SHOW TAG VALUES FROM "interface" WITH KEY = "device"');
    expect(ifs.templating.list[1]?.query).toContain('WHERE "device" =~ /^$device$/');
  });

  it('has the wireless variables device and ap, ap defaulting to everything of the selected devices', () => {
    const wl = dashboards.find((d) => d.json.uid === 'linkscope-wireless')!.json;
    expect(wl.templating.list.map((v) => v.name)).toEqual(['device', 'ap']);
    expect(wl.templating.list[0]?.query).toBe('SHOW TAG VALUES FROM "wireless" WITH KEY = "device"');
    expect(wl.templating.list[1]?.query).toContain('WHERE "device" =~ /^$device$/');
  });

  it('has the device health variable device and the panels issue 12 asks for', () => {
    const dh = dashboards.find((d) => d.json.uid === 'linkscope-device-health')!.json;
    expect(dh.templating.list.map((v) => v.name)).toEqual(['device']);
    expect(dh.templating.list[0]?.query).toBe('SHOW TAG VALUES FROM "device_health" WITH KEY = "device"');
    expect(panelsOf(dh.panels).map((p) => p.title)).toEqual(
      expect.arrayContaining(['CPU load per processor', 'Memory used per pool', 'Temperatures', 'Fan speeds', 'Optical levels (dBm)', 'Fan and power-supply states']),
    );
  });

  it('opens the interfaces dashboard on one device, not all devices times all interfaces', () => {
    const device = dashboards.find((d) => d.json.uid === 'linkscope-interfaces')!.json.templating.list[0] as unknown as Record<string, unknown>;
    expect(device).toMatchObject({ name: 'device', includeAll: false, multi: false });
  });

  it('has the panels a network engineer asks for first', () => {
    const titles = (uid: string): string[] => panelsOf(dashboards.find((d) => d.json.uid === uid)!.json.panels).map((p) => p.title);
    expect(titles('linkscope-interfaces')).toEqual(
      expect.arrayContaining(['Traffic (in above, out below the axis)', 'Errors/s', 'Discards/s', 'Port overview', '95th percentile and volume', 'Traffic volume per day']),
    );
    expect(titles('linkscope-devices')).toEqual(expect.arrayContaining(['Links down (admin up, oper down)', 'Hottest links']));
    const query = (uid: string, title: string): string =>
      panelsOf(dashboards.find((d) => d.json.uid === uid)!.json.panels).find((p) => p.title === title)?.targets?.[0]?.query ?? '';
    expect(query('linkscope-interfaces', '95th percentile and volume')).toContain('percentile("in_bps", 95)');
    // Ranked by the busier direction: both directions feed one top() keyed by device and ifName.
    expect(query('linkscope-devices', 'Hottest links')).toMatch(/top\("util", "device", "ifName", 10\).*mean\("in_utilization"\).*mean\("out_utilization"\)/);
  });

  it('queries only measurements, tags and fields of src/storage/schema.ts', () => {
    const measurements = new Set<string>(Object.values(MEASUREMENT));
    const tags = new Set<string>(Object.values(TAG));
    expect(allQueries.length).toBeGreaterThan(10);
    for (const { where, query } of allQueries) {
      const from = /\bFROM\s+"([^"]+)"/i.exec(query)?.[1];
      expect(from !== undefined && measurements.has(from), `${where}: FROM ${from}`).toBe(true);
      const fields = FIELD_KINDS[from as keyof typeof FIELD_KINDS];
      const aliases = new Set(identifiers(query).filter((i) => i.isAlias).map((i) => i.name));
      for (const { name, isAlias } of identifiers(query)) {
        if (isAlias) continue;
        const known = name === from || tags.has(name) || name in fields || aliases.has(name);
        expect(known, `${where}: "${name}" is not in the ${from} schema`).toBe(true);
      }
      expect(substitute(query, { device: ['d'], ifName: ['i'] }), where).not.toMatch(/\$[A-Za-z_]/);
    }
  });
});

describe('Dockerfile', () => {
  it('runs the file package.json names as the linkscope bin, which the build produces', () => {
    const pkg = JSON.parse(read('package.json')) as { bin: Record<string, string> };
    const entry = [...execForm('ENTRYPOINT'), ...execForm('CMD')];
    expect(entry[0]).toBe('node');
    const script = entry[1] ?? '';
    expect(script).toBe(pkg.bin['linkscope']);
    expect(existsSync(join(ROOT, script)), `${script} is missing: run npm run build (npm ci runs it)`).toBe(true);
    expect(execForm('CMD')).toEqual(['serve']);
  });

  it('runs as a non-root user with /data and /secrets volumes', () => {
    const user = runtimeStage.filter((i) => i.op === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    const env = dockerfileEnv();
    expect(env['LINKSCOPE_DATA_DIR']).toBe('/data');
    expect(env['LINKSCOPE_SECRET_KEY_FILE']).toBe('/secrets/secret.key');
    expect(env['LINKSCOPE_LISTEN']).toBe('0.0.0.0:8080');
    const volumes = JSON.parse(runtimeStage.find((i) => i.op === 'VOLUME')?.args ?? '[]') as string[];
    expect(volumes).toEqual(expect.arrayContaining(['/data', '/secrets']));
    expect(runtimeStage.some((i) => i.op === 'FROM' && /^node:20-bookworm-slim|\$\{NODE_IMAGE\}/.test(i.args))).toBe(true);
  });

  it('copies only sources that exist and .dockerignore keeps', () => {
    const ignored = read('.dockerignore')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    const sources = instructions
      .filter((i) => i.op === 'COPY' && !i.args.includes('--from='))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources).toEqual(expect.arrayContaining(['package-lock.json', 'src', 'mibs']));
    for (const s of sources) {
      expect(existsSync(join(ROOT, s)), s).toBe(true);
      expect(ignored, s).not.toContain(s);
    }
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', '.git']));
  });

  it('copies every file the build (tsconfig.build.json) compiles into the build stage', () => {
    const copied = instructions
      .filter((i) => i.op === 'COPY' && !i.args.includes('--from='))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.build.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    expect(config).toBeDefined();
    const program = ts.createProgram({ rootNames: config!.fileNames, options: config!.options });
    const outside = program
      .getSourceFiles()
      .map((f) => relative(ROOT, f.fileName))
      .filter((f) => !f.startsWith('node_modules/') && !f.startsWith('..'))
      .filter((f) => !copied.some((c) => f === c || f.startsWith(`${c}/`)));
    expect(outside).toEqual([]);
  });

  it('copies web/, which the prepare script bundles into dist/web (the page at /)', () => {
    const copied = instructions
      .filter((i) => i.op === 'COPY' && !i.args.includes('--from='))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts['prepare']).toContain('web/vite.config.ts');
    expect(copied).toContain('web');
  });
});

// =============================================================================================
// The real check: every dashboard query against influxd holding what the poller writes.
// =============================================================================================

const FIXTURES = join(ROOT, 'test', 'fixtures', 'snmprec');

/**
 * Two devices whose names carry regex and separator characters for Grafana's variables (. and :), each replaying one
 * recording and then its later state, so the second poll writes rates.
 */
const DEVICES = [
  { name: 'core-rtr1.lab', before: 'router-32', after: 'router-32-later' },
  { name: 'acc_sw:2', before: 'switch-hc', after: 'switch-hc-later' },
] as const;

/**
 * A stand-in wireless engine (the wireless profiles are another branch): every device is a
 * controller with two APs, each with two radios and two SSIDs, and signal sensors — so every field
 * the wireless dashboard reads is written by the poller's own wireless path.
 */
const FAKE_WIRELESS: WirelessEngine = {
  planWireless: async () => ({ role: 'wireless-controller', profiles: ['deploy-test'] }),
  pollWireless: async () => ({
    aps: ['ap-1.lab', 'ap:2'].map((name, n) => ({
      name,
      status: 'up',
      clients: 9 + n,
      radios: [
        { index: '0', band: '2.4GHz', frequencyMHz: 2437, channel: 6, clients: 4, txPowerDbm: 17, noiseFloorDbm: -95, utilization: 22 },
        { index: '1', band: '5GHz', frequencyMHz: 5180, channel: 36, clients: 5 + n, txPowerDbm: 22, noiseFloorDbm: -101, utilization: 9 },
      ],
      ssids: [
        { ssid: 'corp', clients: 6 },
        { ssid: 'guest wifi', clients: 3 + n },
      ],
    })),
    sensors: [
      { class: 'rssi', index: '0', descr: 'Chain 0', value: -52, unit: 'dBm' },
      { class: 'ap-count', index: 'total', descr: 'APs joined', value: 2, unit: '' },
    ],
  }),
};

/**
 * A stand-in health engine (the recordings have no health MIBs): two processors, a pool in bytes
 * and one known only as a percentage, and a sensor of every class the health dashboard reads — so
 * every field it queries is written by the poller's own health path.
 */
const FAKE_HEALTH: HealthEngine = {
  planHealth: async () => ({ profiles: ['deploy-test'] }),
  pollHealth: async () => ({
    processors: [
      { index: '1', descr: 'CPU 1', usage: 12 },
      { index: '2', descr: 'CPU 2', usage: 31.5 },
    ],
    memory: [
      { index: '1', descr: 'Physical memory', usedBytes: 1_073_741_824, totalBytes: 4_294_967_296, usedPercent: 25 },
      { index: 'pool.2', descr: 'Pool 2', usedBytes: null, totalBytes: null, usedPercent: 41 },
    ],
    sensors: [
      { class: 'temperature', index: 'inlet', descr: 'Inlet', value: 27.5, unit: '°C' },
      { class: 'temperature', index: 'cpu.1', descr: 'CPU 1', value: 61, unit: '°C' },
      { class: 'fanspeed', index: 'fan:1', descr: 'Fan 1', value: 5200, unit: 'rpm' },
      { class: 'dbm', index: 'Te1/1.rx', descr: 'Te1/1 Receive Power', value: -3.2, unit: 'dBm' },
      { class: 'power', index: 'psu.1', descr: 'PSU 1 output', value: 112, unit: 'W' },
      { class: 'state', index: 'psu.1', descr: 'PSU 1', value: 1, unit: '', status: 'normal' },
    ],
  }),
};

/**
 * Runs the real Poller against snmpsimd for DEVICES, two polls a simulated minute apart (the
 * later one at the real now, so dashboard time filters see it), writing through `sink`.
 * Returns each device's ifNames as the poller reported them.
 */
async function pollIntoSink(sim: SnmpsimHandle, sink: SampleSink, countersDir: string): Promise<Map<string, string[]>> {
  const inventory = new MemoryInventory();
  const state = new LiveState();
  let now = Date.now() - 60_000;
  const poller = new Poller({
    inventory,
    snmp: new NetSnmpClient(),
    sink,
    state,
    counters: new CounterStore(countersDir),
    logger: silentLogger(),
    wireless: { state: new WirelessState(), engine: FAKE_WIRELESS },
    health: { state: new HealthState(), engine: FAKE_HEALTH },
    settings: { pollIntervalMs: 60_000, snmp: { timeoutMs: 5000, retries: 2, maxRepetitions: 25 }, maxConcurrentRequests: 8, jitterRatio: 0, rediscoverIntervalMs: Number.POSITIVE_INFINITY, backoffMaxMs: 60_000 },
    nowMs: () => now,
  });
  const ifNames = new Map<string, string[]>();
  try {
    const added: { d: (typeof DEVICES)[number]; id: number }[] = [];
    for (const d of DEVICES) added.push({ d, id: (await inventory.add({ host: sim.host, port: sim.port, name: d.name, snmp: { version: '2c', community: new Secret(d.before) } })).id });
    for (const { id } of added) expect((await poller.pollNow(id)).ok).toBe(true);
    now += 60_000;
    for (const { d, id } of added) {
      await inventory.update(id, { snmp: { version: '2c', community: new Secret(d.after) } });
      const second = await poller.pollNow(id);
      expect(second).toMatchObject({ ok: true, discontinuities: 0 });
      expect(second.ratesWritten).toBeGreaterThan(0);
      ifNames.set(d.name, (state.get(id)?.interfaces ?? []).map((i) => i.ifName));
    }
  } finally {
    await poller.stop();
  }
  return ifNames;
}

describe('dashboard queries against influxd', () => {
  let influxd: InfluxdHandle;
  let sim: SnmpsimHandle;
  let dir: string;
  const db = serviceEnv('influxdb', {})['INFLUXDB_DB'] ?? 'linkscope';

  beforeAll(async () => {
    influxd = await startInfluxd();
    sim = await withSnmpsim({ files: DEVICES.flatMap((d) => [join(FIXTURES, `${d.before}.snmprec`), join(FIXTURES, `${d.after}.snmprec`)]) });
    dir = mkdtempSync(join(tmpdir(), 'linkscope-deploy-'));
  });

  afterAll(async () => {
    await sim?.stop();
    await influxd?.dispose();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  async function expectEveryQueryAnswers(
    vars: { device: readonly string[]; ifName: readonly string[]; ap?: readonly string[] },
    database: string,
    { skipFiles = [] }: { skipFiles?: readonly string[] } = {},
  ): Promise<void> {
    const failures: string[] = [];
    for (const { where, query } of allQueries) {
      if (skipFiles.some((f) => where.startsWith(`${f} `))) continue;
      const q = substitute(query, vars);
      const result = await influxd.query(q, database);
      const error = resultError(result);
      if (error !== undefined) failures.push(`${where}: ${error}\n  ${q}`);
      else if (seriesCount(result) === 0) failures.push(`${where}: no series\n  ${q}`);
      else {
        const empty = emptyColumns(result);
        if (empty.length > 0) failures.push(`${where}: no value in column(s) ${empty.join(', ')}\n  ${q}`);
      }
    }
    expect(failures).toEqual([]);
  }

  it('answers every query with data the Poller wrote through InfluxSink from snmpsimd recordings', async () => {
    const logLines: string[] = [];
    const sink = new InfluxSink({
      url: influxd.url,
      db,
      spoolDir: join(dir, 'spool'),
      logger: createLogger({ level: 'warn', destination: { write: (l: string) => void logLines.push(l) } }),
      timeoutMs: 5000,
    });
    let ifNames: Map<string, string[]>;
    try {
      ifNames = await pollIntoSink(sim, sink, join(dir, 'counters'));
      await sink.flush();
      expect(sink.status()).toMatchObject({ influx: 'ok', droppedPoints: 0, pendingPoints: 0, spoolBytes: 0 });
      expect(sink.status().writtenPoints).toBeGreaterThan(0);
    } finally {
      await sink.close();
    }
    expect(logLines).toEqual([]);

    // One device and interface selected, then "All" (Grafana's (a|b) alternation).
    const first = DEVICES[0].name;
    const firstIfNames = ifNames.get(first) ?? [];
    expect(firstIfNames.length).toBeGreaterThan(1);
    await expectEveryQueryAnswers({ device: [first], ifName: [firstIfNames[1] ?? ''], ap: ['ap:2'] }, db);
    await expectEveryQueryAnswers({ device: DEVICES.map((d) => d.name), ifName: [...ifNames.values()].flat() }, db);

    // The variable queries list exactly what was written.
    const values = async (q: string): Promise<string[]> =>
      ((await influxd.query(q, db)).results?.[0]?.series?.[0]?.values ?? []).map((row) => String(row[1])).sort();
    const ifs = dashboards.find((d) => d.json.uid === 'linkscope-interfaces')!.json.templating.list;
    expect(await values(substitute(ifs[0]?.query ?? '', { device: [], ifName: [] }))).toEqual(DEVICES.map((d) => d.name).sort());
    expect(await values(substitute(ifs[1]?.query ?? '', { device: [DEVICES[1].name], ifName: [] }))).toEqual([...new Set(ifNames.get(DEVICES[1].name))].sort());
    const wl = dashboards.find((d) => d.json.uid === 'linkscope-wireless')!.json.templating.list;
    expect(await values(substitute(wl[0]?.query ?? '', { device: [], ifName: [] }))).toEqual(DEVICES.map((d) => d.name).sort());
    expect(await values(substitute(wl[1]?.query ?? '', { device: [DEVICES[0].name], ifName: [] }))).toEqual(['ap-1.lab', 'ap:2']);
  });

  it('answers every query from what `linkscope demo` writes, started the way the image and compose start it', async () => {
    const script = join(ROOT, execForm('ENTRYPOINT')[1] ?? '');
    expect(existsSync(script), `${script} is missing: run npm run build`).toBe(true);
    const demoDb = 'linkscope_demo_e2e';
    const port = await freePort();
    const basePort = await freePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      HOME: dir,
      ...dockerfileEnv(),
      ...serviceEnv('demo', HOST_VARS),
      // Only the addresses and paths differ from the container.
      LINKSCOPE_INFLUX_URL: influxd.url,
      LINKSCOPE_INFLUX_DB: demoDb,
      LINKSCOPE_LISTEN: `127.0.0.1:${port}`,
      LINKSCOPE_DATA_DIR: join(dir, 'demo-data'),
      LINKSCOPE_SECRET_KEY_FILE: join(dir, 'demo-secrets', 'secret.key'),
    };
    const [node = 'node', entry = ''] = execForm('ENTRYPOINT');
    const args = [entry, ...[service('demo').command ?? []].flat(), '--interval', '1s', '--base-port', String(basePort <= 65000 ? basePort : 20000)];
    const child: ChildProcess = spawn(node === 'node' ? process.execPath : node, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
    child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      // Bounded polling: rates need two polls 1s apart; allow up to 60s on a slow box.
      let ready = false;
      for (let i = 0; i < 240 && !ready && child.exitCode === null; i += 1) {
        await new Promise((r) => setTimeout(r, 250));
        const r = await influxd.query('SELECT count("in_bps") FROM "interface"; SELECT count("up") FROM "device"', demoDb);
        ready = (r.results ?? []).length === 2 && (r.results ?? []).every((x) => (x.series?.length ?? 0) > 0);
      }
      expect(ready, `demo wrote no rates; output:\n${output}`).toBe(true);

      // The image's HEALTHCHECK, run as Docker would (same env), against the demo's API.
      const [hcCmd = 'node', ...hcArgs] = healthcheckCommand();
      const hc = spawn(hcCmd === 'node' ? process.execPath : hcCmd, hcArgs, { env, stdio: 'ignore' });
      expect(await new Promise((r) => hc.once('exit', r)), 'the HEALTHCHECK command failed against the demo API').toBe(0);

      const devices = ((await influxd.query('SHOW TAG VALUES FROM "interface" WITH KEY = "device"', demoDb)).results?.[0]?.series?.[0]?.values ?? []).map((v) => String(v[1]));
      const ifNames = ((await influxd.query(`SHOW TAG VALUES FROM "interface" WITH KEY = "ifName" WHERE "device" = '${devices[0]}'`, demoDb)).results?.[0]?.series?.[0]?.values ?? []).map((v) => String(v[1]));
      expect(devices.length).toBeGreaterThan(1);
      await expectEveryQueryAnswers({ device: devices, ifName: ifNames }, demoDb);
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
      if (code === 'timeout') child.kill('SIGKILL');
    }
  });
});
