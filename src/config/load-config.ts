/** Builds the one frozen Config: defaults < file (--config / LINKSCOPE_CONFIG) < LINKSCOPE_* env < overrides. */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { LinkscopeError } from '../model/errors.js';
import { DEFAULTS } from './defaults.js';
import { Secret } from '../model/secret.js';
import { FIELDS, FILE_ENV, PATH_LIST_SEPARATOR, crossFieldProblems, defaultRawValues, parseField, resolveDefaultPath, type FieldSpec, type ParseContext, type Value } from './schema.js';
import { closestName as closest } from './suggest.js';
import { LOG_LEVELS, type Config, type ConfigFile, type LogFormat, type LogLevel } from './types.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface LoadConfigOptions {
  /** `--config FILE`; when absent, LINKSCOPE_CONFIG; when both absent, no file. */
  readonly file?: string;
  /** Default process.env. Tests pass their own so they never depend on the runner's environment. */
  readonly env?: Env;
  /** Highest precedence, in file form (e.g. command-line flags: `{ listen: ':0' }`). */
  readonly overrides?: ConfigFile;
  /** Relative paths resolve against it; default process.cwd(). */
  readonly cwd?: string;
  /**
   * Told about what is ignored but worth a look: unknown LINKSCOPE_* variables (Kubernetes injects
   * LINKSCOPE_PORT, LINKSCOPE_SERVICE_HOST, … for a Service named linkscope, so they cannot stop start-up).
   */
  readonly onWarning?: (message: string) => void;
}

export interface ConfigProblem {
  /** Dotted file key, or the env var name for an unknown LINKSCOPE_* variable. */
  readonly key: string;
  readonly env?: string;
  readonly message: string;
}

const FIELD_BY_KEY = new Map(FIELDS.map((f) => [f.key, f]));
const FIELD_BY_ENV = new Map(FIELDS.map((f) => [f.env, f]));
const SECTIONS = new Set(FIELDS.filter((f) => f.key.includes('.')).map((f) => f.key.slice(0, f.key.lastIndexOf('.'))));

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const home = nonEmpty(env['HOME']) ?? homedir();
  const ctx = { cwd, home };

  const values = new Map(defaultRawValues(env));
  for (const key of ['dataDir', 'secretKeyFile']) {
    values.set(key, resolveDefaultPath(String(values.get(key)), ctx));
  }
  const problems: ConfigProblem[] = [];
  const lists: Lists = { metrics: DEFAULTS.metrics };

  const filePath = nonEmpty(options.file) ?? nonEmpty(env[FILE_ENV]);
  let absFile: string | undefined;
  if (filePath !== undefined) {
    absFile = resolve(cwd, filePath);
    applyTree(readConfigFile(absFile), '', { ...ctx, source: 'file' }, values, problems, lists);
  }
  applyEnv(env, { ...ctx, source: 'env' }, values, problems, options.onWarning ?? (() => undefined));
  if (options.overrides !== undefined) applyTree(options.overrides, '', { ...ctx, source: 'override' }, values, problems, lists);
  checkFolders(values, problems);

  if (problems.length === 0) problems.push(...crossFieldProblems(values));
  if (problems.length > 0) throw configInvalid(problems, absFile);
  return deepFreeze({ ...assemble(values), metrics: freezeAll(lists.metrics) });
}

/** Sections that are lists of structured entries, not keys of the schema: kept as written, checked by their own compiler (custom metrics: src/metrics/custom.ts). */
interface Lists {
  metrics: readonly Readonly<Record<string, unknown>>[];
}
const LIST_SECTIONS = ['metrics'];

/** `metrics:` must be a list of mappings (or null for none); what is inside is checked when it is compiled. */
function takeList(key: string, raw: unknown, ctx: ParseContext, problems: ConfigProblem[]): readonly Readonly<Record<string, unknown>>[] | undefined {
  if (raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.push({ key, message: `must be a list of metric definitions (see docs/custom-metrics.md)${suffix(ctx)}` });
    return undefined;
  }
  const bad = raw.findIndex((m) => !isPlainObject(m));
  if (bad >= 0) {
    problems.push({ key: `${key}[${bad}]`, message: `must be a mapping with name, measurement, match, scalars, tables (see docs/custom-metrics.md)${suffix(ctx)}` });
    return undefined;
  }
  return raw as Readonly<Record<string, unknown>>[];
}

function freezeAll<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !(value instanceof Secret)) {
    for (const child of Object.values(value)) freezeAll(child);
    Object.freeze(value);
  }
  return value;
}

/** Every pathList folder must exist now: a typo in mibs.dirs would otherwise just lose names later. */
function checkFolders(values: ReadonlyMap<string, Value>, problems: ConfigProblem[]): void {
  for (const spec of FIELDS) {
    const v = values.get(spec.key);
    if (spec.kind.type !== 'pathList' || typeof v !== 'string' || problems.some((p) => p.key === spec.key)) continue;
    for (const dir of v.split(PATH_LIST_SEPARATOR)) {
      let isDir = false;
      try {
        isDir = statSync(dir).isDirectory();
      } catch {
        // missing or unreadable: said below
      }
      if (!isDir) problems.push({ key: spec.key, message: `${JSON.stringify(dir)} is not an existing folder (env ${spec.env} or the file)` });
    }
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Reads and parses YAML or JSON; the parser's line goes into the message. Never validates keys. */
export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    const what = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : code;
    throw new LinkscopeError('LS_CONFIG_FILE', `Cannot read configuration file ${path}: ${what}; check --config / LINKSCOPE_CONFIG`, { cause, details: { path } });
  }
  const ext = extname(path).toLowerCase();
  const isJson = ext === '.json' || (ext !== '.yaml' && ext !== '.yml' && text.trimStart().startsWith('{'));
  if (isJson) {
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      const message = (cause as Error).message;
      const position = /position (\d+)/.exec(message);
      const where = position === null ? '' : ` at line ${lineOf(text, Number(position[1]))}`;
      throw new LinkscopeError('LS_CONFIG_FILE', `Cannot parse configuration file ${path} as JSON${where}: ${message}`, { cause, details: { path } });
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    // The yaml package appends a multi-line excerpt; the first line already names line and column.
    const line = first.message.split('\n')[0] ?? first.message;
    throw new LinkscopeError('LS_CONFIG_FILE', `Cannot parse configuration file ${path} as YAML: ${line}`, {
      cause: first,
      details: { path, line: first.linePos?.[0].line },
    });
  }
  try {
    const data: unknown = doc.toJS();
    // An empty file (or only comments) means "all defaults".
    return data ?? {};
  } catch (cause) {
    throw new LinkscopeError('LS_CONFIG_FILE', `Cannot read configuration file ${path} as YAML: ${(cause as Error).message}`, { cause, details: { path } });
  }
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Secret);
}

function applyTree(tree: unknown, prefix: string, ctx: ParseContext, values: Map<string, Value>, problems: ConfigProblem[], lists?: Lists): void {
  if (!isPlainObject(tree)) {
    problems.push({
      key: prefix === '' ? '(top level)' : prefix,
      message: `must be a mapping of keys (allowed: ${childKeys(prefix).join(', ')})${suffix(ctx)}`,
    });
    return;
  }
  for (const [name, raw] of Object.entries(tree)) {
    // An override left undefined (an absent CLI flag) means "not given", as an absent key does.
    if (raw === undefined) continue;
    const key = prefix === '' ? name : `${prefix}.${name}`;
    const spec = FIELD_BY_KEY.get(key);
    if (prefix === '' && name === 'metrics' && lists !== undefined) {
      const list = takeList(key, raw, ctx, problems);
      if (list !== undefined) lists.metrics = list;
    } else if (spec !== undefined) {
      setField(spec, raw, ctx, values, problems);
    } else if (SECTIONS.has(key)) {
      // `snmp:` with nothing under it parses as null in YAML: treat as an empty section.
      if (raw !== null) applyTree(raw, key, ctx, values, problems);
    } else {
      const allowed = childKeys(prefix);
      const guess = closest(name, allowed);
      problems.push({
        key,
        message: `unknown key${guess === undefined ? '' : `; did you mean ${prefix === '' ? guess : `${prefix}.${guess}`}?`} (allowed${prefix === '' ? '' : ` in ${prefix}`}: ${allowed.join(', ')})${suffix(ctx)}`,
      });
    }
  }
}

function applyEnv(env: Env, ctx: ParseContext, values: Map<string, Value>, problems: ConfigProblem[], warn: (message: string) => void): void {
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith('LINKSCOPE_') || name === FILE_ENV) continue;
    const spec = FIELD_BY_ENV.get(name);
    if (spec === undefined) {
      // A typo would otherwise be silently ignored: say so, but do not stop (unknown file keys still do).
      const guess = closest(name, [...FIELD_BY_ENV.keys(), FILE_ENV]);
      warn(`${name}: unknown environment variable, ignored${guess === undefined ? '' : `; did you mean ${guess}?`}`);
      continue;
    }
    // Empty = unset, as `LINKSCOPE_API_TOKEN=${TOKEN}` in a compose file gives when TOKEN is unset.
    if (raw === undefined || raw === '') continue;
    setField(spec, raw, ctx, values, problems);
  }
}

function setField(spec: FieldSpec, raw: unknown, ctx: ParseContext, values: Map<string, Value>, problems: ConfigProblem[]): void {
  const result = parseField(spec, raw, ctx);
  if (result.ok) {
    values.set(spec.key, result.value);
  } else {
    problems.push(ctx.source === 'env' ? { key: spec.key, env: spec.env, message: `${result.problem} (from ${spec.env})` } : { key: spec.key, message: `${result.problem}${suffix(ctx)}` });
  }
}

function suffix(ctx: ParseContext): string {
  return ctx.source === 'override' ? ' (from command-line overrides)' : '';
}

function childKeys(prefix: string): string[] {
  const names = new Set<string>();
  for (const f of FIELDS) {
    if (prefix === '') names.add(f.key.split('.')[0] ?? f.key);
    else if (f.key.startsWith(`${prefix}.`)) names.add(f.key.slice(prefix.length + 1).split('.')[0] ?? '');
  }
  if (prefix === '') for (const l of LIST_SECTIONS) names.add(l);
  return [...names];
}

function configInvalid(problems: readonly ConfigProblem[], file: string | undefined): LinkscopeError {
  const where = file === undefined ? '' : ` (file ${file})`;
  const lines = problems.map((p) => `${p.key}: ${p.message}`);
  const message = lines.length === 1 ? `Invalid configuration${where}: ${lines[0]}` : `Invalid configuration${where}, ${lines.length} problems:\n  - ${lines.join('\n  - ')}`;
  return new LinkscopeError('LS_CONFIG_INVALID', message, { details: { file, problems } });
}

function assemble(values: ReadonlyMap<string, Value>): Omit<Config, 'metrics'> {
  const num = (key: string): number => {
    const v = values.get(key);
    if (typeof v !== 'number') throw internal(key);
    return v;
  };
  const str = (key: string): string => {
    const v = values.get(key);
    if (typeof v !== 'string') throw internal(key);
    return v;
  };
  const strOrNull = (key: string): string | null => (values.get(key) === null ? null : str(key));
  const secret = (key: string): Secret | null => {
    const v = values.get(key);
    if (v === null) return null;
    if (!(v instanceof Secret)) throw internal(key);
    return v;
  };
  const listen = values.get('listen');
  if (typeof listen !== 'object' || listen === null || listen instanceof Secret) throw internal('listen');
  const logLevel = str('logLevel');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw internal('logLevel');

  return {
    dataDir: str('dataDir'),
    influx: {
      url: str('influx.url'),
      db: str('influx.db'),
      user: strOrNull('influx.user'),
      password: secret('influx.password'),
      batchSize: num('influx.batchSize'),
      flushIntervalMs: num('influx.flushInterval'),
      timeoutMs: num('influx.timeout'),
      retention: { rawMs: num('influx.retention.raw') },
      rollup: {
        enabled: str('influx.rollup.enabled') === 'true',
        intervalMs: num('influx.rollup.interval'),
        retentionMs: num('influx.rollup.retention'),
        readAboveMs: num('influx.rollup.readAbove'),
      },
    },
    listen: { host: listen.host, port: listen.port },
    apiToken: secret('apiToken'),
    allowedHosts: strOrNull('allowedHosts')?.split(',') ?? [],
    pollIntervalMs: num('pollInterval'),
    logLevel: logLevel as LogLevel,
    logFormat: str('logFormat') as LogFormat,
    snmp: { timeoutMs: num('snmp.timeout'), retries: num('snmp.retries'), maxRepetitions: num('snmp.maxRepetitions'), maxVarbindsPerRequest: num('snmp.maxVarbindsPerRequest'), maxVarbindsCeiling: num('snmp.maxVarbindsCeiling') },
    poller: {
      maxConcurrentRequests: num('poller.maxConcurrentRequests'),
      maxConcurrentProbes: num('poller.maxConcurrentProbes'),
      jitterRatio: num('poller.jitter'),
      rediscoverIntervalMs: num('poller.rediscoverInterval'),
      backoffMaxMs: num('poller.backoffMax'),
    },
    health: { intervalMs: num('health.interval') },
    topology: {
      intervalMs: num('topology.interval'),
      staleAfterMs: num('topology.staleAfter'),
      discover: strOrNull('topology.discover')?.split(',') ?? [],
      discoverPort: num('topology.discoverPort'),
    },
    spool: { maxBytes: num('spool.maxSize') },
    secretKeyFile: str('secretKeyFile'),
    mibs: { dirs: strOrNull('mibs.dirs')?.split(PATH_LIST_SEPARATOR) ?? [] },
    database: { url: secret('database.url') },
    cluster: { pollerId: strOrNull('cluster.pollerId'), sites: strOrNull('cluster.sites')?.split(',') ?? null, leaseTtlMs: num('cluster.leaseTtl') },
  };
}

function internal(key: string): LinkscopeError {
  return new LinkscopeError('LS_INTERNAL', `configuration key ${key} has no value of the expected type (schema bug)`);
}

function deepFreeze<T>(value: T): T {
  if (isPlainObject(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
