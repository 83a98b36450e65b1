/** Bearer-token checks (constant-time) and the listen guard that refuses to expose an API without a token. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LinkscopeError } from '../model/errors.js';
import type { Secret } from '../model/secret.js';
import type { Logger } from '../observability/logger.js';

/** Per-route `config.auth`: `none` (health, docs), `read` (GETs), `write` (changes). Default: by method. */
export type AuthKind = 'none' | 'read' | 'write';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * True when `given` equals the token. Both sides are hashed first so that timingSafeEqual compares
 * equal-length buffers and the time taken does not depend on where they differ, nor on the length.
 */
export function tokenMatches(token: Secret, given: string): boolean {
  return timingSafeEqual(digest(token.reveal()), digest(given));
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. The scheme is case-insensitive. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}

export interface AuthPolicy {
  readonly apiToken: Secret | null;
  /** Also require the token for reads (set when listening beyond loopback). */
  readonly requireAuthForReads: boolean;
  /** Route URL prefixes served without the token (the OpenAPI page, whose routes a plugin owns). */
  readonly publicPrefixes?: readonly string[];
}

/** onRequest hook: throws LS_UNAUTHORIZED when the route needs the token and it is missing or wrong. */
export function makeAuthHook(policy: AuthPolicy): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const { apiToken, requireAuthForReads } = policy;
  return async (request) => {
    if (apiToken === null) return;
    const configured = (request.routeOptions.config as { auth?: AuthKind } | undefined)?.auth;
    const open = (policy.publicPrefixes ?? []).some((prefix) => (request.routeOptions.url ?? '').startsWith(prefix));
    const kind: AuthKind = configured ?? (open ? 'none' : WRITE_METHODS.has(request.method) ? 'write' : 'read');
    if (kind === 'none' || (kind === 'read' && !requireAuthForReads)) return;
    const given = bearerToken(request.headers.authorization);
    if (given === undefined) {
      throw new LinkscopeError('LS_UNAUTHORIZED', 'this request needs "Authorization: Bearer <token>" with LINKSCOPE_API_TOKEN');
    }
    if (!tokenMatches(apiToken, given)) {
      throw new LinkscopeError('LS_UNAUTHORIZED', 'the bearer token is wrong; use the value of LINKSCOPE_API_TOKEN');
    }
  };
}

/** True for 127.0.0.0/8, ::1, ::ffff:127.x and "localhost": addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) {
    if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    return mapped?.[1] !== undefined && mapped[1].startsWith('127.');
  }
  return false;
}

export interface ListenCheck {
  readonly host: string;
  readonly apiToken: Secret | null;
  readonly insecure: boolean;
  readonly logger: Logger;
}

/**
 * Call before listening. Beyond loopback without a token it throws LS_CONFIG_INVALID, unless
 * `insecure` (--insecure), which only warns. Returns whether reads must carry the token too.
 */
export function assertListenAllowed(check: ListenCheck): { requireAuthForReads: boolean } {
  const loopback = isLoopbackHost(check.host);
  if (loopback) return { requireAuthForReads: false };
  if (check.apiToken !== null) return { requireAuthForReads: true };
  if (check.insecure) {
    check.logger.warn(
      { host: check.host },
      `API listens on ${check.host} beyond loopback without LINKSCOPE_API_TOKEN (--insecure): anyone who reaches it can add and delete devices`,
    );
    return { requireAuthForReads: false };
  }
  throw new LinkscopeError(
    'LS_CONFIG_INVALID',
    `LINKSCOPE_LISTEN ${check.host} is beyond loopback but LINKSCOPE_API_TOKEN is unset; set a token, listen on 127.0.0.1, or pass --insecure`,
  );
}
