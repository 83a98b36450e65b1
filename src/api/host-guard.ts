/** DNS-rebinding and cross-site guard: the Host header must name this API, and writes must not come from another origin. */
import type { FastifyRequest } from 'fastify';
import { LinkscopeError } from '../model/errors.js';
import { isLoopbackHost } from './auth.js';

/*
 * DNS rebinding: a page at http://evil.example:8080 re-resolves its own name to 127.0.0.1, and the
 * browser then sends the page's requests, with `Host: evil.example:8080`, to an API on loopback
 * that has no token. The Host name is the one thing the attacker cannot choose, so it is checked
 * against the names this API is reached by. The port is not checked: a rebinding attack always
 * carries a foreign name, and proxies and port mappings often rewrite the port.
 *
 * Beyond loopback a token is required for every request (assertListenAllowed), which a browser
 * never attaches on its own, so the check applies only to a loopback listener (and to an API not
 * listening at all, as in tests through inject(), which says `Host: localhost:80`). Configured
 * allowedHosts extend the set either way.
 */

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

export interface HostPolicy {
  /** The address the API listens on (config.listen.host); undefined = not listening (inject). */
  readonly listenHost?: string;
  /** Extra names from config.allowedHosts, lower case, without port. */
  readonly allowedHosts?: readonly string[];
}

/** The host name of a Host header or an Origin's host part: lower case, no port, no brackets, no trailing dot. */
export function hostName(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  const v6 = /^\[([^\]]*)\](?::\d*)?$/.exec(h);
  const name = v6 !== null ? (v6[1] ?? '') : h.replace(/:\d*$/, '');
  return name.replace(/\.$/, '');
}

/** Names the API answers to, or null when every name is accepted (a non-loopback listener without allowedHosts). */
export function allowedHostNames(policy: HostPolicy): ReadonlySet<string> | null {
  const extra = policy.allowedHosts ?? [];
  const listen = policy.listenHost === undefined ? undefined : hostName(policy.listenHost);
  if (listen !== undefined && !isLoopbackHost(listen)) return null;
  return new Set([...LOOPBACK_NAMES, ...(listen === undefined ? [] : [listen]), ...extra.map((n) => n.toLowerCase())]);
}

/** onRequest hook: LS_HOST_NOT_ALLOWED for a foreign Host, LS_CROSS_ORIGIN for a write from another origin. */
export function makeHostGuard(policy: HostPolicy): (request: FastifyRequest) => Promise<void> {
  const allowed = allowedHostNames(policy);
  const accepts = (name: string): boolean => allowed === null || allowed.has(name) || (isLoopbackHost(name) && allowed.has('127.0.0.1'));
  return async (request) => {
    if (allowed === null) return;
    const host = request.headers.host;
    // HTTP/1.0 clients may omit Host; browsers never do, so this is no way around the check.
    if (host !== undefined && !accepts(hostName(host))) {
      throw new LinkscopeError(
        'LS_HOST_NOT_ALLOWED',
        `this API does not answer to the host name in the Host header; use ${[...allowed].map((n) => (n.includes(':') ? `[${n}]` : n)).join(', ')}, or add the name to allowedHosts (LINKSCOPE_ALLOWED_HOSTS)`,
      );
    }
    const origin = request.headers.origin;
    if (origin === undefined || !WRITE_METHODS.has(request.method)) return;
    let originHost: string | null = null;
    try {
      const u = new URL(origin);
      if (u.protocol === 'http:' || u.protocol === 'https:') originHost = hostName(u.host);
    } catch {
      // "null" (sandboxed frames, file://) or garbage: not one of ours
    }
    if (originHost === null || !accepts(originHost)) {
      throw new LinkscopeError(
        'LS_CROSS_ORIGIN',
        'changes from a web page of another origin are refused (Origin header); send them from the command line or a script, which send no Origin',
      );
    }
  };
}
