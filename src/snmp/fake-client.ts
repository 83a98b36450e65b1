/** Map-backed SnmpClient for unit tests: agents as sorted in-memory tables, mutable, with scripted failures. */
import { formatAgent } from '../model/address.js';
import { LinkscopeError } from '../model/errors.js';
import type { SnmpTarget } from '../model/types.js';
import {
  BaseSnmpSession,
  ERROR_STATUS_NO_SUCH_NAME,
  ERROR_STATUS_TOO_BIG,
  abortedError,
  errorStatusError,
  type PduTransport,
  type RequestContext,
} from './base-session.js';
import { compareOids, normalizeOid } from './oid.js';
import { parseSnmprec } from './snmprec.js';
import { SnmpType, type SessionOptions, type SnmpClient, type SnmpSession, type SnmpTypeTag, type SnmpValue, type VarBind } from './types.js';

/** What a scripted failure sees: which agent, which PDU, which OIDs. */
export interface FakeRequest {
  readonly target: SnmpTarget;
  readonly pdu: 'get' | 'getNext' | 'getBulk';
  readonly oids: readonly string[];
  readonly maxRepetitions: number;
}

/** A failure to inject: an error to throw, `'timeout'` for a realistic LS_SNMP_TIMEOUT, or a function choosing per request. */
export type FakeFailure = LinkscopeError | 'timeout' | ((request: FakeRequest) => LinkscopeError | 'timeout' | undefined);

export interface FakeAgentOptions {
  /** When set, requests with another community (v1/v2c) time out, as a real agent ignores them. */
  readonly community?: string;
  /** When set, v3 requests with another user get LS_SNMP_UNKNOWN_USER. */
  readonly users?: readonly string[];
  /** Answer tooBig when a reply would hold more varbinds than this (provokes the back-off). */
  readonly maxResponseVarbinds?: number;
}

/** One simulated agent: a sorted OID table plus knobs. Mutations are visible to the next request. */
/** A minimal agent: system group and one interface, eth0 (ifIndex 1), up, one 32-bit counter at 0. IF-MIB classifies it as `other`. */
export function oneInterfaceAgent(): FakeAgent {
  return new FakeAgent()
    .set('1.3.6.1.2.1.1.1.0', SnmpType.OctetString, 'test agent') // SNMPv2-MIB::sysDescr.0
    .set('1.3.6.1.2.1.1.2.0', SnmpType.ObjectIdentifier, '1.3.6.1.4.1.8072.3.2.10') // SNMPv2-MIB::sysObjectID.0
    .set('1.3.6.1.2.1.1.3.0', SnmpType.TimeTicks, 100_000) // SNMPv2-MIB::sysUpTime.0
    .set('1.3.6.1.2.1.2.2.1.2.1', SnmpType.OctetString, 'eth0') // IF-MIB::ifDescr.1
    .set('1.3.6.1.2.1.2.2.1.8.1', SnmpType.Integer, 1) // IF-MIB::ifOperStatus.1
    .set('1.3.6.1.2.1.2.2.1.10.1', SnmpType.Counter32, 0n); // IF-MIB::ifInOctets.1
}

export class FakeAgent {
  readonly #table = new Map<string, VarBind>();
  #sorted: string[] | undefined = [];
  #failure: FakeFailure | undefined;
  #failuresLeft = Infinity;
  options: FakeAgentOptions;
  /** PDUs this agent answered or failed (a GETBULK page counts once). */
  requests = 0;
  /** Every PDU in order, for assertions on paging. */
  readonly log: FakeRequest[] = [];

  constructor(varbinds: Iterable<VarBind> = [], options: FakeAgentOptions = {}) {
    this.options = options;
    for (const vb of varbinds) this.#table.set(vb.oid, vb);
    this.#sorted = undefined;
  }

  /** Builds an agent from snmprec text; throws LS_VALIDATION naming the first bad line (fixtures must be clean). */
  static fromSnmprec(text: string, options: FakeAgentOptions = {}): FakeAgent {
    const { varbinds, errors } = parseSnmprec(text);
    const first = errors[0];
    if (first !== undefined) {
      throw new LinkscopeError('LS_VALIDATION', `snmprec line ${first.line} is bad (${first.reason}): ${first.text}`, { details: { errors: errors.length } });
    }
    return new FakeAgent(varbinds, options);
  }

  /** Sets (adds or replaces) one value. Counter32/Counter64 take bigint or number. */
  set(oid: string, type: SnmpTypeTag, value: SnmpValue | number): this {
    const key = normalizeOid(oid);
    let v: SnmpValue = value;
    if ((type === SnmpType.Counter32 || type === SnmpType.Counter64) && typeof value === 'number') v = BigInt(value);
    if (type === SnmpType.OctetString && typeof value === 'string') v = Buffer.from(value, 'utf8');
    if (!this.#table.has(key)) this.#sorted = undefined;
    this.#table.set(key, { oid: key, type, value: v });
    return this;
  }

  /** Adds `delta` to a counter (wrapping at 2^32 or 2^64 as the agent would). */
  bump(oid: string, delta: bigint | number): this {
    const vb = this.#table.get(normalizeOid(oid));
    if (vb === undefined || (vb.type !== SnmpType.Counter32 && vb.type !== SnmpType.Counter64)) {
      throw new LinkscopeError('LS_VALIDATION', `bump(${oid}): no Counter32/Counter64 at that OID`);
    }
    const modulus = vb.type === SnmpType.Counter32 ? 1n << 32n : 1n << 64n;
    const next = ((vb.value as bigint) + BigInt(delta)) % modulus;
    return this.set(vb.oid, vb.type, next < 0n ? next + modulus : next);
  }

  delete(oid: string): this {
    if (this.#table.delete(normalizeOid(oid))) this.#sorted = undefined;
    return this;
  }

  /** Deletes every OID under (or equal to) the prefix, e.g. a whole ifXTable. */
  deleteSubtree(prefix: string): this {
    const p = normalizeOid(prefix);
    for (const oid of [...this.#table.keys()]) {
      if (oid === p || oid.startsWith(`${p}.`)) this.#table.delete(oid);
    }
    this.#sorted = undefined;
    return this;
  }

  /** Replaces the whole table (e.g. with a `-later` fixture). */
  replace(varbinds: Iterable<VarBind>): this {
    this.#table.clear();
    for (const vb of varbinds) this.#table.set(vb.oid, vb);
    this.#sorted = undefined;
    return this;
  }

  value(oid: string): SnmpValue | undefined {
    return this.#table.get(normalizeOid(oid))?.value;
  }

  varbinds(): VarBind[] {
    return this.sorted().map((oid) => this.#table.get(oid) as VarBind);
  }

  /** Makes requests fail (all, or the next `times`), until `recover()`. */
  fail(failure: FakeFailure, times = Infinity): this {
    this.#failure = failure;
    this.#failuresLeft = times;
    return this;
  }

  /** Shorthand for `fail('timeout')`: the host stops answering. */
  timeout(times = Infinity): this {
    return this.fail('timeout', times);
  }

  recover(): this {
    this.#failure = undefined;
    this.#failuresLeft = Infinity;
    return this;
  }

  /** The failure for this request, if any (consumes one of `times`). */
  takeFailure(request: FakeRequest): LinkscopeError | 'timeout' | undefined {
    if (this.#failure === undefined || this.#failuresLeft <= 0) return undefined;
    const f = typeof this.#failure === 'function' ? this.#failure(request) : this.#failure;
    if (f !== undefined && --this.#failuresLeft <= 0) this.#failure = undefined;
    return f;
  }

  private sorted(): string[] {
    if (this.#sorted === undefined) this.#sorted = [...this.#table.keys()].sort(compareOids);
    return this.#sorted;
  }

  exact(oid: string): VarBind | undefined {
    return this.#table.get(oid);
  }

  /** Position of the first OID greater than `oid` in the sorted table (binary search). */
  nextIndex(oid: string): number {
    const keys = this.sorted();
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareOids(keys[mid] as string, oid) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  at(index: number): VarBind | undefined {
    const oid = this.sorted()[index];
    return oid === undefined ? undefined : this.#table.get(oid);
  }
}

/** Answers PDUs from a FakeAgent with the semantics of a well-behaved SNMPv2c agent (RFC 3416). */
class FakeTransport implements PduTransport {
  constructor(
    private readonly client: FakeSnmpClient,
    private readonly target: SnmpTarget,
  ) {}

  close(): void {}

  private check(pdu: FakeRequest['pdu'], oids: string[], maxRepetitions: number, ctx: RequestContext): FakeAgent {
    if (ctx.signal?.aborted) throw abortedError(this.target, ctx.phase);
    this.client.requests++;
    const agent = this.client.agentFor(this.target);
    const request: FakeRequest = { target: this.target, pdu, oids, maxRepetitions };
    if (agent !== undefined) {
      agent.requests++;
      agent.log.push(request);
    }
    const failure = agent?.takeFailure(request) ?? (agent === undefined ? 'timeout' : this.identityFailure(agent));
    if (failure === 'timeout') throw this.timeoutError(ctx.phase);
    if (failure !== undefined) throw failure;
    return agent as FakeAgent;
  }

  private identityFailure(agent: FakeAgent): LinkscopeError | 'timeout' | undefined {
    const c = this.target.credentials;
    const { community, users } = agent.options;
    if (c.version !== '3' && community !== undefined && c.community.reveal() !== community) return 'timeout';
    if (c.version === '3' && users !== undefined && !users.includes(c.user)) {
      return new LinkscopeError('LS_SNMP_UNKNOWN_USER', `SNMP get to ${formatAgent(this.target.host, this.target.port)} as user "${c.user}" failed: the agent does not know this SNMPv3 user`, {
        details: { host: this.target.host, port: this.target.port },
      });
    }
    return undefined;
  }

  private timeoutError(phase: string): LinkscopeError {
    const { host, port, timeoutMs, retries } = this.target;
    const attempts = Math.max(0, retries) + 1;
    return new LinkscopeError('LS_SNMP_TIMEOUT', `SNMP ${phase} to ${formatAgent(host, port)} timed out after ${timeoutMs}ms (${attempts} attempt${attempts === 1 ? '' : 's'}); check address, port, community/credentials and the agent's ACL`, {
      details: { host, port, phase, timeoutMs, attempts },
    });
  }

  private tooBig(agent: FakeAgent, count: number, phase: string): void {
    const limit = agent.options.maxResponseVarbinds;
    if (limit !== undefined && count > limit) throw errorStatusError(this.target, phase, ERROR_STATUS_TOO_BIG, undefined);
  }

  async get(oids: string[], ctx: RequestContext): Promise<VarBind[]> {
    const agent = this.check('get', oids, 0, ctx);
    this.tooBig(agent, oids.length, ctx.phase);
    const v1 = this.target.credentials.version === '1';
    return oids.map((oid) => {
      const vb = agent.exact(oid);
      if (vb !== undefined) return vb;
      if (v1) throw errorStatusError(this.target, ctx.phase, ERROR_STATUS_NO_SUCH_NAME, oid);
      return { oid, type: SnmpType.NoSuchInstance, value: null };
    });
  }

  async getNext(oids: string[], ctx: RequestContext): Promise<VarBind[]> {
    const agent = this.check('getNext', oids, 1, ctx);
    this.tooBig(agent, oids.length, ctx.phase);
    const v1 = this.target.credentials.version === '1';
    return oids.map((oid) => {
      const vb = agent.at(agent.nextIndex(oid));
      if (vb !== undefined) return vb;
      if (v1) throw errorStatusError(this.target, ctx.phase, ERROR_STATUS_NO_SUCH_NAME, oid);
      return { oid, type: SnmpType.EndOfMibView, value: null };
    });
  }

  async getBulk(oids: string[], maxRepetitions: number, ctx: RequestContext): Promise<VarBind[][]> {
    const agent = this.check('getBulk', oids, maxRepetitions, ctx);
    this.tooBig(agent, oids.length * maxRepetitions, ctx.phase);
    return oids.map((oid) => {
      const group: VarBind[] = [];
      let index = agent.nextIndex(oid);
      for (let r = 0; r < maxRepetitions; r++) {
        const vb = agent.at(index++);
        if (vb === undefined) {
          // RFC 3416 4.2.3: past the end, every further repetition is endOfMibView.
          group.push({ oid: group.length > 0 ? (group[group.length - 1] as VarBind).oid : oid, type: SnmpType.EndOfMibView, value: null });
          break;
        }
        group.push(vb);
      }
      return group;
    });
  }
}

class FakeSession extends BaseSnmpSession {
  constructor(client: FakeSnmpClient, target: SnmpTarget, options: SessionOptions) {
    super(target, new FakeTransport(client, target), { ...(options.getbulk === undefined ? {} : { getbulk: options.getbulk }), ...(options.fence === undefined ? {} : { fence: options.fence }) });
  }
}

/**
 * The fake SnmpClient. Agents are keyed by `host:port` (or `host` for any port); a target with no
 * agent behaves like a dead host (LS_SNMP_TIMEOUT, immediately: tests never wait).
 *
 *   const snmp = new FakeSnmpClient();
 *   const sw = snmp.addAgent('10.0.0.1', FakeAgent.fromSnmprec(text));
 *   sw.bump('1.3.6.1.2.1.31.1.1.1.6.1', 1_000_000); // IF-MIB::ifHCInOctets.1
 *   sw.timeout(1);                                   // next request times out
 */
export class FakeSnmpClient implements SnmpClient {
  readonly #agents = new Map<string, FakeAgent>();
  /** PDUs sent through every session of this client. */
  requests = 0;
  /** Sessions opened and not yet closed. */
  openSessions = 0;
  /** Sessions ever opened. */
  sessionsOpened = 0;

  addAgent(hostOrHostPort: string, agent: FakeAgent = new FakeAgent()): FakeAgent {
    this.#agents.set(hostOrHostPort, agent);
    return agent;
  }

  /** Adds an agent built from snmprec text. */
  addSnmprec(hostOrHostPort: string, snmprec: string, options: FakeAgentOptions = {}): FakeAgent {
    return this.addAgent(hostOrHostPort, FakeAgent.fromSnmprec(snmprec, options));
  }

  removeAgent(hostOrHostPort: string): void {
    this.#agents.delete(hostOrHostPort);
  }

  agent(hostOrHostPort: string): FakeAgent {
    const agent = this.#agents.get(hostOrHostPort);
    if (agent === undefined) throw new LinkscopeError('LS_VALIDATION', `no fake agent for ${hostOrHostPort}`);
    return agent;
  }

  agentFor(target: SnmpTarget): FakeAgent | undefined {
    return this.#agents.get(`${target.host}:${target.port}`) ?? this.#agents.get(target.host);
  }

  open(target: SnmpTarget, options: SessionOptions = {}): SnmpSession {
    this.sessionsOpened++;
    this.openSessions++;
    const session = new FakeSession(this, target, options);
    const close = session.close.bind(session);
    session.close = () => {
      if (!session.closed) this.openSessions--;
      close();
    };
    return session;
  }
}
