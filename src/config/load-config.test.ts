/** loadConfig: precedence, validation messages, unknown keys, the example file, and secrets that never print. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { LinkscopeError, isLinkscopeError } from '../model/errors.js';
import { DEFAULTS } from './defaults.js';
import { loadConfig, type ConfigProblem } from './load-config.js';
import { redactConfig } from './redact.js';
import { FIELDS } from './schema.js';

const HOME = '/home/op';
const CWD = '/srv/linkscope';
const baseEnv = { HOME };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linkscope-config-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function configError(fn: () => unknown): LinkscopeError {
  try {
    fn();
  } catch (err) {
    if (err instanceof LinkscopeError) return err;
    throw err;
  }
  throw new Error('expected a LinkscopeError');
}

function problemsOf(err: LinkscopeError): ConfigProblem[] {
  return (err.details?.['problems'] ?? []) as ConfigProblem[];
}

const expectedDefaults = {
  dataDir: resolve(CWD, 'data'),
  influx: {
    url: 'http://127.0.0.1:8086',
    db: 'linkscope',
    user: null,
    password: null,
    batchSize: 5000,
    flushIntervalMs: 1000,
    timeoutMs: 10_000,
    retention: { rawMs: 30 * 86_400_000 },
    rollup: { enabled: true, intervalMs: 300_000, retentionMs: 104 * 7 * 86_400_000, readAboveMs: 86_400_000 },
  },
  listen: { host: '127.0.0.1', port: 8080 },
  apiToken: null,
  allowedHosts: [],
  pollIntervalMs: 60_000,
  logLevel: 'info',
  logFormat: 'auto',
  snmp: { timeoutMs: 2000, retries: 1, maxRepetitions: 25, maxVarbindsPerRequest: 64, maxVarbindsCeiling: 128 },
  poller: { maxConcurrentRequests: 64, maxConcurrentProbes: 32, jitterRatio: 0.5, rediscoverIntervalMs: 6 * 3_600_000, backoffMaxMs: 15 * 60_000 },
  health: { intervalMs: 0 },
  topology: { intervalMs: 5 * 60_000, staleAfterMs: 3_600_000, discover: [], discoverPort: 161 },
  spool: { maxBytes: 1024 ** 3 },
  secretKeyFile: '/home/op/.config/linkscope/secret.key',
  mibs: { dirs: [] },
  database: { url: null },
  cluster: { pollerId: null, sites: null, leaseTtlMs: 30_000 },
  metrics: [],
};

describe('loadConfig', () => {
  it('gives the documented defaults with no file and no environment', () => {
    expect(loadConfig({ env: baseEnv, cwd: CWD })).toEqual(expectedDefaults);
  });

  it('puts the secret key under XDG_CONFIG_HOME when it is set', () => {
    expect(loadConfig({ env: { ...baseEnv, XDG_CONFIG_HOME: '/xdg' }, cwd: CWD }).secretKeyFile).toBe('/xdg/linkscope/secret.key');
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig({ env: baseEnv, cwd: CWD });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.snmp)).toBe(true);
    expect(Object.isFrozen(config.influx)).toBe(true);
    expect(() => {
      (config.snmp as { retries: number }).retries = 5;
    }).toThrow(TypeError);
  });

  it('loads linkscope.example.yaml to exactly the defaults', () => {
    const example = resolve(import.meta.dirname, '../../linkscope.example.yaml');
    expect(loadConfig({ file: example, env: baseEnv, cwd: CWD })).toEqual(expectedDefaults);
  });

  it('lists every schema key in linkscope.example.yaml', () => {
    const example = resolve(import.meta.dirname, '../../linkscope.example.yaml');
    const data = parseDocument(readFileSync(example, 'utf8')).toJS() as Record<string, unknown>;
    const keys: string[] = [];
    const walk = (obj: Record<string, unknown>, prefix: string): void => {
      for (const [k, v] of Object.entries(obj)) {
        const key = prefix === '' ? k : `${prefix}.${k}`;
        if (typeof v === 'object' && v !== null) walk(v as Record<string, unknown>, key);
        else keys.push(key);
      }
    };
    walk(data, '');
    expect(keys.sort()).toEqual(FIELDS.map((f) => f.key).sort());
  });

  it('reads allowedHosts as a YAML list or a comma-separated variable, and names a bad entry', () => {
    const file = writeFile('h.yaml', 'allowedHosts:\n  - Linkscope.LAN\n  - "[::1]"\n');
    expect(loadConfig({ file, env: baseEnv, cwd: CWD }).allowedHosts).toEqual(['linkscope.lan', '::1']);
    expect(loadConfig({ env: { ...baseEnv, LINKSCOPE_ALLOWED_HOSTS: 'a.lan, b.lan' }, cwd: CWD }).allowedHosts).toEqual(['a.lan', 'b.lan']);
    expect(() => loadConfig({ env: { ...baseEnv, LINKSCOPE_ALLOWED_HOSTS: 'http://a.lan:8080' }, cwd: CWD })).toThrow(/allowedHosts[\s\S]*not a host name/);
  });

  it('lets the file override defaults and the environment override the file', () => {
    const file = writeFile('c.yaml', 'pollInterval: 30s\nlogLevel: debug\nsnmp:\n  retries: 3\n');
    const config = loadConfig({ file, env: { ...baseEnv, LINKSCOPE_POLL_INTERVAL: '5m' }, cwd: CWD });
    expect(config.pollIntervalMs).toBe(300_000);
    expect(config.logLevel).toBe('debug');
    expect(config.snmp.retries).toBe(3);
    expect(config.snmp.timeoutMs).toBe(2000);
  });

  it('lets overrides win over the environment', () => {
    const config = loadConfig({ env: { ...baseEnv, LINKSCOPE_LISTEN: '127.0.0.1:9000' }, overrides: { listen: ':0' }, cwd: CWD });
    expect(config.listen).toEqual({ host: '0.0.0.0', port: 0 });
  });

  it('finds the file through LINKSCOPE_CONFIG, and --config wins over it', () => {
    const a = writeFile('a.yaml', 'logLevel: warn\n');
    const b = writeFile('b.yaml', 'logLevel: error\n');
    expect(loadConfig({ env: { ...baseEnv, LINKSCOPE_CONFIG: a }, cwd: CWD }).logLevel).toBe('warn');
    expect(loadConfig({ file: b, env: { ...baseEnv, LINKSCOPE_CONFIG: a }, cwd: CWD }).logLevel).toBe('error');
  });

  it('reads JSON by extension and by content', () => {
    const byExt = writeFile('c.json', '{"pollInterval": "2m", "snmp": {"maxRepetitions": 10}}');
    const byContent = writeFile('c.conf', '{"pollInterval": "3m"}');
    expect(loadConfig({ file: byExt, env: baseEnv, cwd: CWD }).snmp.maxRepetitions).toBe(10);
    expect(loadConfig({ file: byContent, env: baseEnv, cwd: CWD }).pollIntervalMs).toBe(180_000);
  });

  it('treats an empty file as all defaults', () => {
    const file = writeFile('empty.yaml', '# nothing yet\n');
    expect(loadConfig({ file, env: baseEnv, cwd: CWD })).toEqual(expectedDefaults);
  });

  it('applies every LINKSCOPE_* variable', () => {
    const config = loadConfig({
      cwd: CWD,
      env: {
        ...baseEnv,
        LINKSCOPE_DATA_DIR: 'var',
        LINKSCOPE_INFLUX_URL: 'https://influx.example.com:8086/prefix/',
        LINKSCOPE_INFLUX_DB: 'net',
        LINKSCOPE_INFLUX_USER: 'writer',
        LINKSCOPE_INFLUX_PASSWORD: 'influx-pass',
        LINKSCOPE_INFLUX_BATCH_SIZE: '100',
        LINKSCOPE_INFLUX_FLUSH_INTERVAL: '250ms',
        LINKSCOPE_INFLUX_TIMEOUT: '3s',
        LINKSCOPE_LISTEN: '[::1]:8443',
        LINKSCOPE_API_TOKEN: 'tok-123',
        LINKSCOPE_POLL_INTERVAL: '10s',
        LINKSCOPE_LOG_LEVEL: 'trace',
        LINKSCOPE_SNMP_TIMEOUT: '1500ms',
        LINKSCOPE_SNMP_RETRIES: '0',
        LINKSCOPE_SNMP_MAX_REPETITIONS: '50',
        LINKSCOPE_SNMP_MAX_VARBINDS_PER_REQUEST: '256',
        LINKSCOPE_SNMP_MAX_VARBINDS_CEILING: '512',
        LINKSCOPE_POLLER_MAX_CONCURRENT_REQUESTS: '8',
        LINKSCOPE_POLLER_MAX_CONCURRENT_PROBES: '4',
        LINKSCOPE_POLLER_JITTER: '0.25',
        LINKSCOPE_POLLER_REDISCOVER_INTERVAL: '0',
        LINKSCOPE_POLLER_BACKOFF_MAX: '1h',
        LINKSCOPE_SPOOL_MAX_SIZE: '512MiB',
        LINKSCOPE_SECRET_KEY_FILE: '~/keys/ls.key',
      },
    });
    expect(config.dataDir).toBe('/srv/linkscope/var');
    expect(config.influx.url).toBe('https://influx.example.com:8086/prefix');
    expect(config.influx.db).toBe('net');
    expect(config.influx.user).toBe('writer');
    expect(config.influx.password?.reveal()).toBe('influx-pass');
    expect(config.influx.batchSize).toBe(100);
    expect(config.influx.flushIntervalMs).toBe(250);
    expect(config.influx.timeoutMs).toBe(3000);
    expect(config.listen).toEqual({ host: '::1', port: 8443 });
    expect(config.apiToken?.reveal()).toBe('tok-123');
    expect(config.pollIntervalMs).toBe(10_000);
    expect(config.logLevel).toBe('trace');
    expect(config.snmp).toEqual({ timeoutMs: 1500, retries: 0, maxRepetitions: 50, maxVarbindsPerRequest: 256, maxVarbindsCeiling: 512 });
    expect(config.poller).toEqual({ maxConcurrentRequests: 8, maxConcurrentProbes: 4, jitterRatio: 0.25, rediscoverIntervalMs: 0, backoffMaxMs: 3_600_000 });
    expect(config.spool.maxBytes).toBe(512 * 1024 ** 2);
    expect(config.secretKeyFile).toBe('/home/op/keys/ls.key');
  });

  it('reads topology.discover as CIDR ranges (IPv4 and IPv6) from a list or a variable, and names a bad one', () => {
    const file = writeFile('disc.yaml', 'topology:\n  discover:\n    - 10.1.2.3/8\n    - "2001:DB8::/32"\n  discoverPort: 16100\n');
    expect(loadConfig({ file, env: baseEnv, cwd: CWD }).topology).toMatchObject({ discover: ['10.0.0.0/8', '2001:db8::/32'], discoverPort: 16100 });
    const env = { ...baseEnv, LINKSCOPE_TOPOLOGY_DISCOVER: '192.168.0.0/16, 127.0.0.2/31' };
    expect(loadConfig({ file, env, cwd: CWD }).topology.discover).toEqual(['192.168.0.0/16', '127.0.0.2/31']);
    expect(() => loadConfig({ env: { ...baseEnv, LINKSCOPE_TOPOLOGY_DISCOVER: '10.0.0.0/8,10.0.0.0/33' }, cwd: CWD })).toThrow(/topology\.discover[\s\S]*"10\.0\.0\.0\/33" is not an address range/);
    expect(() => loadConfig({ env: { ...baseEnv, LINKSCOPE_TOPOLOGY_DISCOVER: 'lab-net' }, cwd: CWD })).toThrow(/topology\.discover: "lab-net" is not an address range[\s\S]*\(from LINKSCOPE_TOPOLOGY_DISCOVER\)/);
    expect(() => loadConfig({ env: { ...baseEnv, LINKSCOPE_TOPOLOGY_DISCOVER_PORT: '0' }, cwd: CWD })).toThrow(/topology\.discoverPort/);
  });

  it('reads mibs.dirs from a YAML list or a colon-separated LINKSCOPE_MIB_DIRS, and names a folder that does not exist', () => {
    const a = mkdtempSync(join(tmpdir(), 'linkscope-mibdir-a-'));
    const b = mkdtempSync(join(tmpdir(), 'linkscope-mibdir-b-'));
    try {
      const file = writeFile('mibs.yaml', `mibs:\n  dirs:\n    - ${a}\n`);
      expect(loadConfig({ file, env: baseEnv, cwd: CWD }).mibs.dirs).toEqual([a]);
      expect(loadConfig({ file, env: { ...baseEnv, LINKSCOPE_MIB_DIRS: `${b}:${a}` }, cwd: CWD }).mibs.dirs).toEqual([b, a]);
      const missing = join(a, 'no-such-folder');
      expect(() => loadConfig({ env: { ...baseEnv, LINKSCOPE_MIB_DIRS: `${b}:${missing}` }, cwd: CWD })).toThrow(new RegExp(`mibs\\.dirs: "${missing}" is not an existing folder`));
      try {
        loadConfig({ file: writeFile('mibs-bad.yaml', `mibs:\n  dirs: [${join(b, 'nope')}]\n`), env: baseEnv, cwd: CWD });
        expect.unreachable();
      } catch (err) {
        expect(isLinkscopeError(err, 'LS_CONFIG_INVALID')).toBe(true);
        expect(problemsOf(err as LinkscopeError).map((p) => p.key)).toEqual(['mibs.dirs']);
      }
      expect(() => loadConfig({ file: writeFile('mibs-num.yaml', 'mibs:\n  dirs: 3\n'), env: baseEnv, cwd: CWD })).toThrow(/mibs\.dirs: 3 is not a list of folders/);
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });

  it('reads topology.interval and topology.staleAfter from the file and the environment', () => {
    const file = writeFile('topo.yaml', 'topology:\n  interval: 10m\n  staleAfter: 2h\n');
    expect(loadConfig({ file, env: baseEnv, cwd: CWD }).topology).toEqual({ intervalMs: 600_000, staleAfterMs: 7_200_000, discover: [], discoverPort: 161 });
    const env = { ...baseEnv, LINKSCOPE_TOPOLOGY_STALE_AFTER: '30m' };
    expect(loadConfig({ file, env, cwd: CWD }).topology).toEqual({ intervalMs: 600_000, staleAfterMs: 1_800_000, discover: [], discoverPort: 161 });
  });

  it('reads health.interval from the file and the environment, 0 meaning every poll', () => {
    const file = writeFile('health.yaml', 'health:\n  interval: 5m\n');
    expect(loadConfig({ file, env: baseEnv, cwd: CWD }).health).toEqual({ intervalMs: 300_000 });
    expect(loadConfig({ file, env: { ...baseEnv, LINKSCOPE_HEALTH_INTERVAL: '0' }, cwd: CWD }).health).toEqual({ intervalMs: 0 });
    expect(() => loadConfig({ env: { ...baseEnv, LINKSCOPE_HEALTH_INTERVAL: '2d' }, cwd: CWD })).toThrow(/LINKSCOPE_HEALTH_INTERVAL/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ env: { ...baseEnv, LINKSCOPE_API_TOKEN: '', LINKSCOPE_POLL_INTERVAL: '' }, cwd: CWD })).toEqual(expectedDefaults);
  });

  it.each([
    ['127.0.0.1:8080', { host: '127.0.0.1', port: 8080 }],
    ['[::1]:8080', { host: '::1', port: 8080 }],
    [':8080', { host: '0.0.0.0', port: 8080 }],
    ['localhost:9', { host: 'localhost', port: 9 }],
  ])('reads listen %j', (listen, expected) => {
    expect(loadConfig({ env: { ...baseEnv, LINKSCOPE_LISTEN: listen }, cwd: CWD }).listen).toEqual(expected);
  });
});

describe('loadConfig validation', () => {
  it('names the key, the value and the accepted form for a bad duration', () => {
    const file = writeFile('c.yaml', 'pollInterval: abc\n');
    const err = configError(() => loadConfig({ file, env: baseEnv, cwd: CWD }));
    expect(err.code).toBe('LS_CONFIG_INVALID');
    expect(err.message).toContain('pollInterval: "abc" is not a duration; use e.g. "500ms", "30s", "5m"');
    expect(err.message).toContain(file);
  });

  it('names the env var when the bad value came from the environment', () => {
    const err = configError(() => loadConfig({ env: { ...baseEnv, LINKSCOPE_POLL_INTERVAL: 'soon' }, cwd: CWD }));
    expect(err.message).toContain('pollInterval: "soon" is not a duration');
    expect(err.message).toContain('(from LINKSCOPE_POLL_INTERVAL)');
    expect(problemsOf(err)).toEqual([expect.objectContaining({ key: 'pollInterval', env: 'LINKSCOPE_POLL_INTERVAL' })]);
  });

  it('refuses a bare number for a duration as ambiguous', () => {
    const file = writeFile('c.yaml', 'pollInterval: 60\nsnmp:\n  timeout: 2000\n');
    const err = configError(() => loadConfig({ file, env: baseEnv, cwd: CWD }));
    expect(err.message).toContain('pollInterval: 60 has no unit and is ambiguous');
    expect(err.message).toContain('snmp.timeout: 2000 has no unit and is ambiguous');
  });

  it('reads retention and rollup keys from file and environment, 0 meaning forever', () => {
    const file = writeFile('r.yaml', 'influx:\n  retention:\n    raw: 0\n  rollup:\n    enabled: false\n    interval: 1h\n    retention: 520w\n');
    const config = loadConfig({ file, env: { ...baseEnv, LINKSCOPE_INFLUX_ROLLUP_READ_ABOVE: '3d', LINKSCOPE_INFLUX_ROLLUP_ENABLED: 'true' }, cwd: CWD });
    expect(config.influx.retention).toEqual({ rawMs: 0 });
    expect(config.influx.rollup).toEqual({ enabled: true, intervalMs: 3_600_000, retentionMs: 520 * 7 * 86_400_000, readAboveMs: 3 * 86_400_000 });
  });

  it('checks the rollup interval against the raw retention only when rollups are on', () => {
    const file = writeFile('r.yaml', 'influx:\n  retention:\n    raw: 2h\n  rollup:\n    enabled: false\n    interval: 1d\n');
    expect(loadConfig({ file, env: baseEnv, cwd: CWD }).influx.rollup.enabled).toBe(false);
    const err = configError(() => loadConfig({ file, env: { ...baseEnv, LINKSCOPE_INFLUX_ROLLUP_ENABLED: 'true' }, cwd: CWD }));
    expect(problemsOf(err)).toEqual([expect.objectContaining({ key: 'influx.rollup.interval' })]);
  });

  it('accepts 0 where it means something and refuses it elsewhere', () => {
    const ok = writeFile('ok.yaml', 'poller:\n  rediscoverInterval: 0\n');
    expect(loadConfig({ file: ok, env: baseEnv, cwd: CWD }).poller.rediscoverIntervalMs).toBe(0);
    const bad = writeFile('bad.yaml', 'pollInterval: 0\n');
    expect(configError(() => loadConfig({ file: bad, env: baseEnv, cwd: CWD })).message).toContain('pollInterval: 0 has no unit');
  });

  it.each([
    ['pollInterval: 500ms', 'pollInterval: "500ms" is out of range; allowed 1s to 1d'],
    ['pollInterval: 2d', 'pollInterval: "2d" is out of range'],
    ['logLevel: loud', 'logLevel: "loud" is not one of fatal, error, warn, info, debug, trace, silent'],
    ['listen: 8080', 'listen: 8080 is not an address; use HOST:PORT'],
    ['listen: "127.0.0.1:70000"', 'listen: "127.0.0.1:70000" has port 70000; allowed 0 to 65535'],
    ['listen: "::1:8080"', 'listen: "::1:8080" is not an address'],
    ['snmp:\n  retries: -1', 'snmp.retries: -1 is out of range; allowed 0 to 10'],
    ['snmp:\n  retries: two', 'snmp.retries: "two" is not a whole number'],
    ['snmp:\n  maxRepetitions: 2.5', 'snmp.maxRepetitions: 2.5 is not a whole number'],
    ['poller:\n  jitter: 2', 'poller.jitter: 2 is not a fraction from 0 to 0.5'],
    ['spool:\n  maxSize: huge', 'spool.maxSize: "huge" is not a size; use e.g. "1GiB"'],
    ['spool:\n  maxSize: 10', 'spool.maxSize: 10 is out of range; allowed 1MiB to'],
    ['influx:\n  url: ftp://x', 'influx.url: "ftp://x" must be an http:// or https:// URL'],
    ['influx:\n  url: not a url', 'influx.url: "not a url" is not a URL'],
    ['influx:\n  db: ""', 'influx.db: "" is not a non-empty string'],
    ['influx:\n  batchSize: 0', 'influx.batchSize: 0 is out of range; allowed 1 to 1000000'],
    ['dataDir: 5', 'dataDir: 5 is not a path'],
    ['influx:\n  retention:\n    raw: 10m', 'influx.retention.raw: "10m" is out of range; allowed 1h to'],
    ['influx:\n  retention:\n    raw: 30', 'influx.retention.raw: 30 has no unit and is ambiguous'],
    ['influx:\n  rollup:\n    enabled: maybe', 'influx.rollup.enabled: "maybe" is not true or false'],
    ['influx:\n  rollup:\n    interval: 10s', 'influx.rollup.interval: "10s" is out of range; allowed 1m to 1d'],
    ['influx:\n  rollup:\n    interval: 90500ms', 'influx.rollup.interval: 90500ms is not whole seconds'],
    ['influx:\n  retention:\n    raw: 2h\n  rollup:\n    interval: 1d', 'influx.rollup.interval: 1d must be shorter than influx.retention.raw (2h)'],
    ['influx:\n  rollup:\n    retention: 1m', 'influx.rollup.retention: "1m" is out of range; allowed 1h to'],
    ['influx:\n  rollup:\n    readAbove: soon', 'influx.rollup.readAbove: "soon" is not a duration'],
    ['influx:\n  rollup:\n    every: 5m', 'influx.rollup.every: unknown key (allowed in influx.rollup: enabled, interval, retention, readAbove)'],
    ['snmp: 5', 'snmp: must be a mapping of keys (allowed: timeout, retries, maxRepetitions, maxVarbindsPerRequest, maxVarbindsCeiling)'],
  ])('rejects %j naming the key', (yaml, expected) => {
    const file = writeFile('c.yaml', `${yaml}\n`);
    const err = configError(() => loadConfig({ file, env: baseEnv, cwd: CWD }));
    expect(err.code).toBe('LS_CONFIG_INVALID');
    expect(err.message).toContain(expected);
  });

  it('reports every bad key in one message', () => {
    const file = writeFile('c.yaml', 'pollInterval: abc\nlogLevel: loud\nsnmp:\n  retries: 99\n');
    const err = configError(() => loadConfig({ file, env: { ...baseEnv, LINKSCOPE_INFLUX_BATCH_SIZE: 'many' }, cwd: CWD }));
    expect(err.message).toContain('4 problems');
    expect(problemsOf(err).map((p) => p.key)).toEqual(['pollInterval', 'logLevel', 'snmp.retries', 'influx.batchSize']);
  });

  it('rejects unknown keys at the top level and nested, suggesting the near miss', () => {
    const file = writeFile('c.yaml', 'pollinterval: 30s\nsnmp:\n  timout: 1s\npoller:\n  frobnicate: true\n');
    const err = configError(() => loadConfig({ file, env: baseEnv, cwd: CWD }));
    expect(err.message).toContain('pollinterval: unknown key; did you mean pollInterval?');
    expect(err.message).toContain('snmp.timout: unknown key; did you mean snmp.timeout? (allowed in snmp: timeout, retries, maxRepetitions, maxVarbindsPerRequest, maxVarbindsCeiling)');
    expect(err.message).toContain('poller.frobnicate: unknown key (allowed in poller:');
  });

  it('rejects unknown keys in overrides', () => {
    const err = configError(() => loadConfig({ env: baseEnv, cwd: CWD, overrides: { snmp: { retry: 1 } as never } }));
    expect(err.message).toContain('snmp.retry: unknown key; did you mean snmp.retries?');
    expect(err.message).toContain('(from command-line overrides)');
  });

  it('warns about an unknown LINKSCOPE_* variable, suggesting the near miss, and starts anyway', () => {
    const warnings: string[] = [];
    // Kubernetes injects LINKSCOPE_PORT, LINKSCOPE_SERVICE_HOST, … for a Service named linkscope.
    const env = { ...baseEnv, LINKSCOPE_POLL_INTERVALL: '30s', LINKSCOPE_PORT: 'tcp://10.0.0.7:8080', LINKSCOPE_SERVICE_HOST: '10.0.0.7' };
    const config = loadConfig({ env, cwd: CWD, onWarning: (m) => warnings.push(m) });
    expect(config.pollIntervalMs).toBe(DEFAULTS.pollIntervalMs);
    expect(warnings).toContain('LINKSCOPE_POLL_INTERVALL: unknown environment variable, ignored; did you mean LINKSCOPE_POLL_INTERVAL?');
    expect(warnings.filter((w) => w.startsWith('LINKSCOPE_PORT:') || w.startsWith('LINKSCOPE_SERVICE_HOST:'))).toHaveLength(2);
  });

  it('still rejects a bad value in a known LINKSCOPE_* variable', () => {
    const err = configError(() => loadConfig({ env: { ...baseEnv, LINKSCOPE_POLL_INTERVAL: 'soon' }, cwd: CWD }));
    expect(err.message).toContain('LINKSCOPE_POLL_INTERVAL');
  });

  it('never echoes a secret that fails validation', () => {
    const err = configError(() =>
      loadConfig({ env: { ...baseEnv, LINKSCOPE_API_TOKEN: 'top secret', LINKSCOPE_INFLUX_URL: 'http://u:hunter2@influx:8086' }, cwd: CWD }),
    );
    expect(err.message).toContain('apiToken: must not contain spaces');
    expect(err.message).toContain('influx.url: must not contain credentials');
    expect(err.message).not.toContain('top secret');
    expect(err.message).not.toContain('hunter2');
    expect(JSON.stringify(err.details)).not.toContain('hunter2');
  });
});

describe('loadConfig metrics section', () => {
  it('keeps the metrics list as written, frozen, for the custom-metrics compiler', () => {
    const file = writeFile('m.yaml', 'metrics:\n  - name: up\n    scalars:\n      - { name: uptime, oid: SNMPv2-MIB::sysUpTime.0 }\n');
    const config = loadConfig({ file, env: baseEnv, cwd: CWD });
    expect(config.metrics).toEqual([{ name: 'up', scalars: [{ name: 'uptime', oid: 'SNMPv2-MIB::sysUpTime.0' }] }]);
    expect(Object.isFrozen(config.metrics)).toBe(true);
    expect(Object.isFrozen(config.metrics[0]?.['scalars'])).toBe(true);
  });

  it('refuses a metrics section that is not a list of mappings, naming the key', () => {
    const notList = configError(() => loadConfig({ file: writeFile('a.yaml', 'metrics: {name: x}\n'), env: baseEnv, cwd: CWD }));
    expect(problemsOf(notList)).toEqual([expect.objectContaining({ key: 'metrics', message: expect.stringContaining('must be a list of metric definitions') })]);
    const notMapping = configError(() => loadConfig({ file: writeFile('b.yaml', 'metrics:\n  - 12\n'), env: baseEnv, cwd: CWD }));
    expect(problemsOf(notMapping)).toEqual([expect.objectContaining({ key: 'metrics[0]' })]);
  });

  it('suggests metrics for a near miss at the top level', () => {
    const err = configError(() => loadConfig({ file: writeFile('c.yaml', 'metric: []\n'), env: baseEnv, cwd: CWD }));
    expect(err.message).toContain('did you mean metrics?');
  });
});

describe('loadConfig file errors', () => {
  it('names the path when the file is missing', () => {
    const err = configError(() => loadConfig({ file: join(dir, 'nope.yaml'), env: baseEnv, cwd: CWD }));
    expect(err.code).toBe('LS_CONFIG_FILE');
    expect(err.message).toContain(join(dir, 'nope.yaml'));
    expect(err.message).toContain('no such file');
  });

  it('gives the YAML parser line', () => {
    const file = writeFile('bad.yaml', 'logLevel: info\nsnmp: [\nretries: 1\n');
    const err = configError(() => loadConfig({ file, env: baseEnv, cwd: CWD }));
    expect(err.code).toBe('LS_CONFIG_FILE');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/at line 3, column 1/);
  });

  it('refuses duplicate keys in YAML', () => {
    const file = writeFile('dup.yaml', 'logLevel: info\nlogLevel: debug\n');
    expect(configError(() => loadConfig({ file, env: baseEnv, cwd: CWD })).message).toMatch(/unique at line 2/);
  });

  it('gives the JSON line', () => {
    const file = writeFile('bad.json', '{\n  "logLevel": "info",\n}\n');
    const err = configError(() => loadConfig({ file, env: baseEnv, cwd: CWD }));
    expect(err.code).toBe('LS_CONFIG_FILE');
    expect(err.message).toContain('as JSON at line 3');
  });

  it('refuses a file whose top level is not a mapping', () => {
    const file = writeFile('list.yaml', '- a\n- b\n');
    const err = configError(() => loadConfig({ file, env: baseEnv, cwd: CWD }));
    expect(isLinkscopeError(err, 'LS_CONFIG_INVALID')).toBe(true);
    expect(err.message).toContain('(top level): must be a mapping');
  });
});

describe('secrets in the configuration', () => {
  const env = { ...baseEnv, LINKSCOPE_API_TOKEN: 'api-token-value', LINKSCOPE_INFLUX_PASSWORD: 'influx-password-value' };

  it('never appear in JSON.stringify or util.inspect', () => {
    const config = loadConfig({ env, cwd: CWD });
    for (const text of [JSON.stringify(config), inspect(config, { depth: 10 }), String(config.apiToken), `${config.influx.password}`]) {
      expect(text).not.toContain('api-token-value');
      expect(text).not.toContain('influx-password-value');
    }
    expect(config.apiToken?.reveal()).toBe('api-token-value');
  });

  it('print as *** through redactConfig', () => {
    const printed = redactConfig(loadConfig({ env, cwd: CWD }));
    expect(printed.apiToken).toBe('***');
    expect(printed.influx.password).toBe('***');
    expect(printed.influx.user).toBeNull();
    expect(JSON.stringify(printed)).not.toContain('value');
  });

  it('keep defaults in DEFAULTS in sync with the documented values', () => {
    expect(DEFAULTS.pollIntervalMs).toBe(expectedDefaults.pollIntervalMs);
    expect(DEFAULTS.spool.maxBytes).toBe(expectedDefaults.spool.maxBytes);
    expect(DEFAULTS.metrics).toEqual(expectedDefaults.metrics);
  });
});

describe('scale-out keys', () => {
  it('takes a PostgreSQL URL as a secret, and names the key without echoing a bad one', () => {
    const url = 'postgres://linkscope:S3cret-pw-77@db.example:5432/linkscope';
    const config = loadConfig({ env: { ...baseEnv, LINKSCOPE_DATABASE_URL: url, LINKSCOPE_POLLER_ID: 'p-7', LINKSCOPE_POLLER_SITES: 'paris, lyon', LINKSCOPE_CLUSTER_LEASE_TTL: '45s' }, cwd: CWD });
    expect(config.database.url?.reveal()).toBe(url);
    expect(JSON.stringify(config)).not.toContain('S3cret-pw-77');
    expect(config.cluster).toEqual({ pollerId: 'p-7', sites: ['paris', 'lyon'], leaseTtlMs: 45_000 });
    const bad = (value: string): string => {
      try {
        loadConfig({ env: { ...baseEnv, LINKSCOPE_DATABASE_URL: value }, cwd: CWD });
      } catch (err) {
        return String((err as Error).message);
      }
      return 'accepted';
    };
    expect(bad('mysql://root:Pw-9x@h/db')).toMatch(/database\.url: has scheme "mysql"; want postgres:\/\/.*\(from LINKSCOPE_DATABASE_URL\)/);
    expect(bad('mysql://root:Pw-9x@h/db')).not.toContain('Pw-9x');
    expect(bad('not a url Pw-9x')).toMatch(/database\.url: is not a URL.*\(from LINKSCOPE_DATABASE_URL\)/);
    expect(bad('not a url Pw-9x')).not.toContain('Pw-9x');
  });

  it('refuses a site name and a lease TTL out of range, naming the key', () => {
    expect(() => loadConfig({ env: { ...baseEnv, LINKSCOPE_POLLER_SITES: 'paris,lyon/2' }, cwd: CWD })).toThrow(/cluster\.sites: "lyon\/2" is not a site name.*\(from LINKSCOPE_POLLER_SITES\)/);
    expect(() => loadConfig({ env: { ...baseEnv, LINKSCOPE_CLUSTER_LEASE_TTL: '1s' }, cwd: CWD })).toThrow(/LINKSCOPE_CLUSTER_LEASE_TTL/);
  });
});

describe('docs/configuration.md', () => {
  it('documents every key and its environment variable', () => {
    const text = readFileSync(resolve(import.meta.dirname, '../../docs/configuration.md'), 'utf8');
    for (const field of FIELDS) {
      expect(text, `docs/configuration.md misses ${field.key}`).toContain(`| \`${field.key}\` | \`${field.env}\` |`);
    }
  });
});
