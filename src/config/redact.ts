/** A printable copy of the configuration: every Secret becomes "***" (for `serve --print-config`, logs). */
import { REDACTED_TEXT, Secret } from '../model/secret.js';
import type { Config } from './types.js';

type Redacted<T> = T extends Secret ? string : T extends object ? { readonly [K in keyof T]: Redacted<T[K]> } : T;
export type RedactedConfig = Redacted<Config>;

export function redactConfig(config: Config): RedactedConfig {
  return redact(config) as RedactedConfig;
}

function redact(value: unknown): unknown {
  if (value instanceof Secret) return REDACTED_TEXT;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
  }
  return value;
}
