/** What a configuration reload (SIGHUP) may change in a running serve, and what needs a restart. Pure. */
import { Secret } from '../model/secret.js';
import type { Config } from './types.js';

/** Config paths the poller takes from its settings at every poll: a reload applies them to the next polls. */
const RELOADABLE: ReadonlySet<string> = new Set([
  'pollIntervalMs',
  'snmp.timeoutMs',
  'snmp.retries',
  'snmp.maxRepetitions',
  'poller.jitterRatio',
  'poller.rediscoverIntervalMs',
  'poller.backoffMaxMs',
]);

export interface ReloadPlan {
  /** Keys (as in the config file) that changed and are applied to the next polls. */
  readonly applied: readonly string[];
  /** Keys that changed but take effect only after a restart (listen, influx, dataDir, logLevel, …). */
  readonly needRestart: readonly string[];
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value instanceof Secret) out.set(prefix, `secret:${value.reveal()}`);
  else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix === '' ? k : `${prefix}.${k}`, out);
  } else out.set(prefix, JSON.stringify(value) ?? 'undefined');
}

/** `snmp.timeoutMs` → `snmp.timeout`, the key a user writes in the file. */
function fileKey(path: string): string {
  return path.replace(/Ms$/, '').replace(/jitterRatio$/, 'jitter').replace(/^spool\.maxBytes$/, 'spool.maxSize');
}

/** Compares two configurations; never puts a value (secrets included) in its answer, only key names. */
export function planReload(current: Config, next: Config): ReloadPlan {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(current, '', a);
  flatten(next, '', b);
  const changed = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
  return {
    applied: changed.filter((k) => RELOADABLE.has(k)).map(fileKey),
    needRestart: changed.filter((k) => !RELOADABLE.has(k)).map(fileKey),
  };
}

/** The configuration a server runs with after a reload: `next` for the reloadable keys, `current` for the rest. */
export function effectiveAfterReload(current: Config, next: Config): Config {
  return {
    ...current,
    pollIntervalMs: next.pollIntervalMs,
    snmp: { ...current.snmp, timeoutMs: next.snmp.timeoutMs, retries: next.snmp.retries, maxRepetitions: next.snmp.maxRepetitions },
    poller: { ...current.poller, jitterRatio: next.poller.jitterRatio, rediscoverIntervalMs: next.poller.rediscoverIntervalMs, backoffMaxMs: next.poller.backoffMaxMs },
  };
}
