/** Test helper: the real `linkscope serve` (startServer) on 127.0.0.1 with a config built from env, and a fetch that keeps every reply. */
import { startServer, type Server } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import type { Logger } from '../../src/observability/logger.js';
import type { WirelessEngine } from '../../src/poller/types.js';
import { freePort } from './free-port.js';

export interface TestServerOptions {
  /** LINKSCOPE_* variables (LINKSCOPE_LISTEN is added: 127.0.0.1 on a free port). */
  readonly env: Readonly<Record<string, string>>;
  readonly logger: Logger;
  /** Bearer token sent by `call(..., { auth: true })`; must match LINKSCOPE_API_TOKEN in env. */
  readonly token?: string;
  /** Every reply body (as text) is pushed here, for checks across the whole suite. */
  readonly bodies?: string[];
  /** Replaces the wireless engine (a fake, for tests of the layers around it). */
  readonly wirelessEngine?: WirelessEngine;
}

export interface Reply {
  readonly status: number;
  readonly text: string;
  json<T = unknown>(): T;
}

export interface CallOptions {
  readonly method?: string;
  /** JSON-encoded as the request body. */
  readonly body?: unknown;
  /** true: `Authorization: Bearer <token>`; a string: that header value as is. */
  readonly auth?: boolean | string;
}

export interface TestServer {
  readonly server: Server;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** One request over the socket; the body is read in full and recorded. */
  call(path: string, options?: CallOptions): Promise<Reply>;
  close(): Promise<void>;
}

/** Starts the whole runtime as `linkscope serve` would; the caller must close() it (afterAll too). */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const port = await freePort();
  const config = loadConfig({ env: { ...options.env, LINKSCOPE_LISTEN: `127.0.0.1:${port}` } });
  const server = await startServer(config, options.logger, options.wirelessEngine === undefined ? {} : { wirelessEngine: options.wirelessEngine });
  const bodies = options.bodies;
  return {
    server,
    url: server.url,
    async call(path: string, call: CallOptions = {}): Promise<Reply> {
      const headers: Record<string, string> = {};
      if (call.body !== undefined) headers['content-type'] = 'application/json';
      if (call.auth === true) headers['authorization'] = `Bearer ${options.token ?? ''}`;
      else if (typeof call.auth === 'string') headers['authorization'] = call.auth;
      const res = await fetch(`${server.url}${path}`, {
        method: call.method ?? 'GET',
        headers,
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      bodies?.push(text);
      return {
        status: res.status,
        text,
        json: <T>() => JSON.parse(text) as T,
      };
    },
    close: () => server.close(),
  };
}

/**
 * Bounded polling for "eventually": calls `probe` until it returns a value other than undefined,
 * at most `attempts` times and until `timeoutMs`; then throws naming `what` and the last value seen.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  { timeoutMs = 20_000, intervalMs = 200, attempts = 500 }: { timeoutMs?: number; intervalMs?: number; attempts?: number } = {},
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown;
  for (let i = 0; i < attempts; i += 1) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (performance.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`not within ${timeoutMs}ms: ${what}${lastError === undefined ? '' : ` (last error: ${String(lastError)})`}`);
}
