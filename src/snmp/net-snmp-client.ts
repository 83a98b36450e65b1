/** SnmpClient over CommunityTransport (v1/v2c) and the npm `net-snmp` package (v3, or v1/v2c on request): our own walk loop, errors an operator can act on. */
import { formatAgent } from '../model/address.js';
import { isIPv6 } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  AuthProtocols,
  PrivProtocols,
  RequestFailedError,
  RequestInvalidError,
  RequestTimedOutError,
  ResponseInvalidCode,
  ResponseInvalidError,
  SecurityLevel,
  Version1,
  Version2c,
  createSession,
  createV3Session,
  type NetSnmpVarbind,
  type ResponseCallback,
  type Session,
  type SessionOptions,
  type V3User,
} from 'net-snmp';
import { LinkscopeError, type ErrorCode } from '../model/errors.js';
import type { AuthProtocol, PrivProtocol, SnmpTarget, V3Credentials } from '../model/types.js';
import type { Logger } from '../observability/logger.js';
import { BaseSnmpSession, abortedError, errorStatusError, type PduTransport, type RequestContext } from './base-session.js';
import { CommunityTransport } from './community-transport.js';
import { decodeVarBindInPlace, type RawVarBind } from './decode.js';
import type { SessionOptions as OpenOptions, SnmpClient, SnmpSession, VarBind } from './types.js';

export interface NetSnmpClientOptions {
  /** Receives debug lines (tooBig back-off, v3 re-sync). Default: none. */
  readonly logger?: Logger;
  /** Columns per GETBULK in walkColumns. Default 10. */
  readonly maxColumnsPerRequest?: number;
  /** Ceiling on columns x repetitions per GETBULK (agents cap replies); default 64. */
  readonly maxVarbindsPerRequest?: number;
  /**
   * Wire implementation for SNMP v1/v2c: 'native' (default) is CommunityTransport, a lean BER codec
   * over node:dgram; 'net-snmp' uses the npm package as SNMPv3 always does. Both stay testable.
   */
  readonly transport?: 'net-snmp' | 'native';
}

const AUTH: Record<AuthProtocol, number> = {
  md5: AuthProtocols.md5,
  sha: AuthProtocols.sha,
  sha224: AuthProtocols.sha224,
  sha256: AuthProtocols.sha256,
  sha384: AuthProtocols.sha384,
  sha512: AuthProtocols.sha512,
};

const PRIV: Record<PrivProtocol, number> = {
  des: PrivProtocols.des,
  aes: PrivProtocols.aes,
  aes256b: PrivProtocols.aes256b,
  aes256r: PrivProtocols.aes256r,
};

/** net-snmp's USM report texts (its UsmStats table) → our codes. */
const USM_REPORTS: ReadonlyArray<readonly [string, ErrorCode, string]> = [
  ['Unknown User Name', 'LS_SNMP_UNKNOWN_USER', 'the agent does not know this SNMPv3 user; check the user name and the agent\'s createUser/usmUser entries'],
  ['Not In Time Window', 'LS_SNMP_NOT_IN_TIME_WINDOW', 'the agent rejected the request as outside its time window even after re-synchronising; check the agent\'s engine boots/time (restarts, cloned engine IDs)'],
  ['Wrong Digest', 'LS_SNMP_AUTH', 'the agent rejected the authentication digest; check the auth protocol and auth key'],
  ['Decryption Error', 'LS_SNMP_AUTH', 'the agent could not decrypt the request; check the privacy protocol and privacy key'],
  ['Unsupported Security Level', 'LS_SNMP_AUTH', 'the agent does not support this security level for the user; check the level (noAuthNoPriv/authNoPriv/authPriv)'],
  ['Unknown Engine ID', 'LS_SNMP_AUTH', 'the agent rejected the engine ID; check the agent\'s engine ID configuration'],
];

const SOCKET_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNREFUSED', 'EACCES', 'EADDRNOTAVAIL', 'EINVAL', 'EMSGSIZE', 'EPERM']);

function v3User(c: V3Credentials): V3User {
  const level = SecurityLevel[c.level];
  const user: V3User = { name: c.user, level };
  if (c.level !== 'noAuthNoPriv') {
    user.authProtocol = AUTH[c.authProtocol ?? 'sha'];
    // reveal() only here, where net-snmp needs the key.
    user.authKey = c.authKey?.reveal() ?? '';
  }
  if (c.level === 'authPriv') {
    user.privProtocol = PRIV[c.privProtocol ?? 'aes'];
    user.privKey = c.privKey?.reveal() ?? '';
  }
  return user;
}

/**
 * net-snmp's ResponseInvalidError for a bad digest carries the v3 user (keys included) in `info`,
 * and its community-mismatch message quotes the community. Strip both before the error becomes
 * a `cause` that a logger may serialise.
 */
function scrubCause(err: unknown): unknown {
  if (err instanceof ResponseInvalidError) {
    delete err.info;
    if (err.code === ResponseInvalidCode['ECommunityNoMatch']) err.message = 'Community in request does not match community in response';
  }
  return err;
}

/** One net-snmp session and the mapping of its callbacks and errors to linkscope's. */
class NetSnmpTransport implements PduTransport {
  readonly #session: Session;
  readonly #target: SnmpTarget;
  readonly #logger: Logger | undefined;
  /** Replies net-snmp could not parse since the session opened: turns a timeout into LS_SNMP_BAD_RESPONSE. */
  #parseErrors = 0;
  #lastParseError: Error | undefined;
  #closed = false;
  /** Callbacks of requests in flight: close() settles them even if net-snmp has not registered them yet. */
  readonly #pending = new Set<ResponseCallback<never>>();

  constructor(target: SnmpTarget, logger: Logger | undefined) {
    this.#target = target;
    this.#logger = logger;
    const c = target.credentials;
    const options: SessionOptions = {
      port: target.port,
      // net-snmp counts retries like we do: extra attempts after the first.
      retries: Math.max(0, target.retries),
      timeout: Math.max(1, target.timeoutMs),
      backoff: 1,
      transport: isIPv6(target.host) ? 'udp6' : 'udp4',
      // We check OID order ourselves (per column, across pages), and compare request/response OIDs of a GET loosely like snmpget.
      backwardsGetNexts: true,
      reportOidMismatchErrors: false,
    };
    if (c.version === '3') {
      if (c.context !== undefined && c.context !== '') options.context = c.context;
      this.#session = createV3Session(target.host, v3User(c), options);
    } else {
      // Always explicit: net-snmp silently defaults to SNMPv1.
      options.version = c.version === '1' ? Version1 : Version2c;
      this.#session = createSession(target.host, c.community.reveal(), options);
    }
    // A reply net-snmp cannot parse is emitted as 'error' on the session; unhandled it would
    // crash the process. The request then times out; we report it as a bad response.
    this.#session.on('error', (err: Error) => {
      this.#parseErrors++;
      this.#lastParseError = err;
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#session.close();
    } catch {
      // Already closed by a socket error: nothing left to release.
    }
    // net-snmp cancels only requests it has registered (after the datagram left); settle the rest.
    for (const cb of [...this.#pending]) cb(new Error('Socket forcibly closed'));
  }

  get(oids: string[], ctx: RequestContext): Promise<VarBind[]> {
    return this.request<NetSnmpVarbind[]>(ctx, (cb) => this.#session.get(oids, cb)).then(decodeList);
  }

  getNext(oids: string[], ctx: RequestContext): Promise<VarBind[]> {
    return this.request<NetSnmpVarbind[]>(ctx, (cb) => this.#session.getNext(oids, cb)).then(decodeList);
  }

  getBulk(oids: string[], maxRepetitions: number, ctx: RequestContext): Promise<VarBind[][]> {
    return this.request<NetSnmpVarbind[][]>(ctx, (cb) => this.#session.getBulk(oids, 0, maxRepetitions, cb)).then(decodeGroups);
  }

  /** Runs one request; for SNMPv3 re-synchronises engine time once when the agent says notInTimeWindow. */
  private async request<T>(ctx: RequestContext, start: (cb: ResponseCallback<T>) => void): Promise<T> {
    try {
      return await this.once(ctx, start);
    } catch (err) {
      if (!(err instanceof LinkscopeError) || err.code !== 'LS_SNMP_NOT_IN_TIME_WINDOW' || this.#target.credentials.version !== '3') throw err;
      this.#logger?.debug({ host: this.#target.host, port: this.#target.port }, 'SNMPv3 not in time window; re-discovering engine time');
      this.forgetEngine();
      return this.once(ctx, start);
    }
  }

  /** Drops what net-snmp learnt about the agent's engine so the next request runs discovery again. */
  private forgetEngine(): void {
    const s = this.#session;
    s.msgSecurityParameters = undefined;
    s.engineTimeBoots = null;
    s.engineTimeBase = null;
    s.engineTimeReceivedAt = null;
    s.latestReceivedEngineTime = null;
  }

  private once<T>(ctx: RequestContext, start: (cb: ResponseCallback<T>) => void): Promise<T> {
    const { signal } = ctx;
    if (this.#closed) return Promise.reject(abortedError(this.#target, ctx.phase, 'not sent: the session is closed'));
    if (signal?.aborted) return Promise.reject(abortedError(this.#target, ctx.phase));
    const parseErrorsBefore = this.#parseErrors;
    const startedAt = performance.now();
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const cb: ResponseCallback<T> = (error, result) => {
        if (settled) return;
        settled = true;
        this.#pending.delete(cb);
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(this.mapError(error, ctx.phase, this.#parseErrors > parseErrorsBefore, performance.now() - startedAt));
        else resolve(result as T);
      };
      const onAbort = (): void => {
        if (settled) return;
        settled = true;
        this.#pending.delete(cb);
        this.cancel(cb, 3);
        reject(abortedError(this.#target, ctx.phase));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.add(cb);
      try {
        start(cb);
      } catch (err) {
        cb(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /**
   * Stops net-snmp's retransmissions and timer for one aborted request. net-snmp registers a
   * request only once the datagram is sent, so look again on the next turns if it is not there yet.
   */
  private cancel(cb: ResponseCallback<never>, triesLeft: number): void {
    const reqs = this.#session.reqs;
    for (const id in reqs) {
      if (reqs[id]?.responseCb === cb) {
        this.#session.unregisterRequest(Number(id));
        return;
      }
    }
    if (triesLeft > 0 && !this.#closed) setImmediate(() => this.cancel(cb, triesLeft - 1)).unref();
  }

  private mapError(err: Error, phase: string, sawMalformedReply: boolean, elapsedMs: number): LinkscopeError {
    const t = this.#target;
    const where = `${formatAgent(t.host, t.port)}`;
    const details: Record<string, unknown> = { host: t.host, port: t.port, phase, elapsedMs: Math.round(elapsedMs) };
    const cause = scrubCause(err);
    const v3 = t.credentials.version === '3';

    if (err instanceof RequestTimedOutError) {
      const attempts = Math.max(0, t.retries) + 1;
      details['timeoutMs'] = t.timeoutMs;
      details['attempts'] = attempts;
      if (sawMalformedReply) {
        return new LinkscopeError(
          'LS_SNMP_BAD_RESPONSE',
          `SNMP ${phase} to ${where} got only malformed replies within ${t.timeoutMs}ms (${attempts} attempt${attempts === 1 ? '' : 's'}): ${this.#lastParseError?.message ?? 'unparseable message'}; the agent or something on the path mangles SNMP`,
          { cause: this.#lastParseError ?? cause, details },
        );
      }
      const hint = v3
        ? 'check address, port, user, auth/priv protocols and keys (most agents silently drop a request encrypted with a wrong privacy key) and the agent\'s ACL'
        : 'check address, port, community/credentials and the agent\'s ACL';
      return new LinkscopeError('LS_SNMP_TIMEOUT', `SNMP ${phase} to ${where} timed out after ${t.timeoutMs}ms (${attempts} attempt${attempts === 1 ? '' : 's'}); ${hint}`, { cause, details });
    }

    if (err instanceof RequestFailedError) {
      // net-snmp's message is "<StatusName>: <oid>" when the agent gave an error index.
      const colon = err.message.indexOf(': ');
      const oid = colon >= 0 ? err.message.slice(colon + 2) : undefined;
      return errorStatusError(t, phase, err.status, oid, cause);
    }

    if (err instanceof ResponseInvalidError) {
      const codeName = String(ResponseInvalidCode[err.code] ?? err.code);
      details['netSnmpCode'] = codeName;
      if (codeName === 'EAuthFailure') {
        for (const [text, code, advice] of USM_REPORTS) {
          if (err.message.startsWith(text)) {
            return new LinkscopeError(code, `SNMP ${phase} to ${where} as user "${userName(t)}" failed: ${advice}`, { cause, details });
          }
        }
        // A reply whose digest does not match ours: wrong auth key on our side or the agent's.
        return new LinkscopeError('LS_SNMP_AUTH', `SNMP ${phase} to ${where} as user "${userName(t)}" failed: the reply's authentication digest does not match; check the auth protocol and auth key`, { cause, details });
      }
      if (codeName === 'ECouldNotDecrypt') {
        return new LinkscopeError('LS_SNMP_AUTH', `SNMP ${phase} to ${where} as user "${userName(t)}" failed: the reply could not be decrypted; check the privacy protocol and privacy key`, { cause, details });
      }
      if (codeName === 'ENotInTimeWindow') {
        return new LinkscopeError('LS_SNMP_NOT_IN_TIME_WINDOW', `SNMP ${phase} to ${where} failed: the agent's reply is outside the SNMPv3 time window even after re-synchronising; check the agent's engine boots/time`, { cause, details });
      }
      return new LinkscopeError('LS_SNMP_BAD_RESPONSE', `SNMP ${phase} to ${where} got an unexpected reply (${codeName}); the agent answered outside the protocol`, { cause, details });
    }

    if (err instanceof RequestInvalidError) {
      return new LinkscopeError('LS_VALIDATION', `SNMP ${phase} to ${where} could not be sent: ${err.message}`, { cause, details });
    }

    const sysCode = (err as NodeJS.ErrnoException).code;
    if (typeof sysCode === 'string' && (SOCKET_CODES.has(sysCode) || sysCode.startsWith('ERR_SOCKET') || sysCode.startsWith('EAI_'))) {
      details['socketCode'] = sysCode;
      return new LinkscopeError('LS_SNMP_SOCKET', `SNMP ${phase} to ${where} failed: socket error ${sysCode}; check the host name resolves and the address is reachable from this machine`, { cause, details });
    }
    if (err.message === 'Socket forcibly closed') {
      return abortedError(t, phase, 'cancelled: the session was closed');
    }
    return new LinkscopeError('LS_SNMP_BAD_RESPONSE', `SNMP ${phase} to ${where} failed: ${err.message}`, { cause, details });
  }
}

function userName(t: SnmpTarget): string {
  return t.credentials.version === '3' ? t.credentials.user : '';
}

function decodeList(raw: NetSnmpVarbind[]): VarBind[] {
  for (let i = 0; i < raw.length; i++) decodeVarBindInPlace(raw[i] as RawVarBind);
  return raw as unknown as VarBind[];
}

function decodeGroups(raw: NetSnmpVarbind[][]): VarBind[][] {
  for (let i = 0; i < raw.length; i++) {
    const group = raw[i];
    if (group === undefined) continue;
    for (let j = 0; j < group.length; j++) decodeVarBindInPlace(group[j] as RawVarBind);
  }
  return raw as unknown as VarBind[][];
}

class NetSnmpSession extends BaseSnmpSession {
  constructor(target: SnmpTarget, options: NetSnmpClientOptions, session: OpenOptions) {
    const native = target.credentials.version !== '3' && (options.transport ?? 'native') === 'native';
    super(target, native ? new CommunityTransport(target) : new NetSnmpTransport(target, options.logger), { ...options, ...(session.getbulk === undefined ? {} : { getbulk: session.getbulk }), ...(session.fence === undefined ? {} : { fence: session.fence }) });
  }
}

/**
 * The real SnmpClient. One session (one UDP socket) per open(); close() releases it. SNMP v1/v2c
 * go through CommunityTransport unless `transport: 'net-snmp'`; SNMPv3 always through net-snmp.
 */
export class NetSnmpClient implements SnmpClient {
  readonly #options: NetSnmpClientOptions;

  constructor(options: NetSnmpClientOptions = {}) {
    this.#options = options;
  }

  open(target: SnmpTarget, session: OpenOptions = {}): SnmpSession {
    return new NetSnmpSession(target, this.#options, session);
  }
}
