/** Keeps docs/errors.md complete and in step with the registry (as fastify's test/internals/errors.test.js does). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, LinkscopeError, describeError, isLinkscopeError, type ErrorCode } from './errors.js';

interface DocRow {
  readonly status: number;
  readonly summary: string;
}

function documentedCodes(): Map<string, DocRow> {
  const text = readFileSync(resolve(import.meta.dirname, '../../docs/errors.md'), 'utf8');
  const rows = new Map<string, DocRow>();
  for (const match of text.matchAll(/^\|\s*`(LS_[A-Z0-9_]+)`\s*\|\s*(\d{3})\s*\|\s*([^|]*?)\s*\|/gm)) {
    const [, code = '', status = '', summary = ''] = match;
    expect(rows.has(code), `${code} is listed twice in docs/errors.md`).toBe(false);
    rows.set(code, { status: Number(status), summary });
  }
  return rows;
}

describe('docs/errors.md', () => {
  const documented = documentedCodes();

  it.each(Object.entries(ERROR_CODES))('documents %s with its status and summary', (code, spec) => {
    expect(documented.get(code), `docs/errors.md has no row for ${code}`).toEqual({ status: spec.status, summary: spec.summary });
  });

  it('lists no code that the registry does not define', () => {
    const unknown = [...documented.keys()].filter((code) => !(code in ERROR_CODES));
    expect(unknown).toEqual([]);
  });
});

describe('LinkscopeError', () => {
  it('carries the code, the registry status and the cause', () => {
    const cause = new Error('socket hang up');
    const err = new LinkscopeError('LS_DEVICE_EXISTS', 'duplicate', { cause, details: { id: 1 } });
    expect(err.status).toBe(409);
    expect(err.cause).toBe(cause);
    expect(isLinkscopeError(err, 'LS_DEVICE_EXISTS')).toBe(true);
    expect(isLinkscopeError(err, 'LS_INTERNAL' as ErrorCode)).toBe(false);
    expect(describeError(err)).toBe('duplicate');
    expect(describeError('plain')).toBe('plain');
  });
});
