/** Ambient types for the parts of the untyped `net-snmp` package (3.29) linkscope uses. */

declare module 'net-snmp' {
  /** net-snmp's decoded varbind: value is a number, Buffer (OctetString, Opaque, Counter64), string (OID, IpAddress) or null. */
  export interface NetSnmpVarbind {
    oid: string;
    type: number;
    value: unknown;
  }

  export type ResponseCallback<T> = (error: Error | null, result?: T) => void;

  export interface SessionOptions {
    port?: number;
    retries?: number;
    timeout?: number;
    backoff?: number;
    transport?: 'udp4' | 'udp6';
    trapPort?: number;
    /** Version1 = 0, Version2c = 1, Version3 = 3; net-snmp defaults to v1 when absent. */
    version?: number;
    backwardsGetNexts?: boolean;
    reportOidMismatchErrors?: boolean;
    idBitsSize?: 16 | 32;
    context?: string;
    engineID?: string | Buffer;
    sourceAddress?: string;
    sourcePort?: number;
  }

  export interface V3User {
    name: string;
    level: number;
    authProtocol?: number;
    authKey?: string;
    privProtocol?: number;
    privKey?: string;
  }

  /** One outstanding request as net-snmp tracks it (internal, used to cancel one request on abort). */
  export interface PendingRequest {
    responseCb: (error: Error | null, result?: unknown) => void;
    getId(): number;
  }

  export class Session {
    /** Internal: outstanding requests by request id. */
    reqs: Record<string, PendingRequest>;
    /** Internal (v3): the authoritative engine's id, boots and time learnt by discovery; undefined until discovered. */
    msgSecurityParameters: unknown;
    engineTimeBoots: number | null;
    engineTimeBase: number | null;
    engineTimeReceivedAt: number | null;
    latestReceivedEngineTime: number | null;
    get(oids: string[], callback: ResponseCallback<NetSnmpVarbind[]>): this;
    getNext(oids: string[], callback: ResponseCallback<NetSnmpVarbind[]>): this;
    /** With nonRepeaters = 0 the result holds one array per requested OID (column-major). */
    getBulk(oids: string[], nonRepeaters: number, maxRepetitions: number, callback: ResponseCallback<NetSnmpVarbind[][]>): this;
    unregisterRequest(id: number): PendingRequest | null;
    cancelRequests(error: Error): void;
    close(): this;
    /** 'error' carries a reply that could not be parsed; without a listener it would crash the process. */
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'close', listener: () => void): this;
  }

  export function createSession(target: string, community: string, options?: SessionOptions): Session;
  export function createV3Session(target: string, user: V3User, options?: SessionOptions): Session;

  export const Version1: 0;
  export const Version2c: 1;
  export const Version3: 3;

  export const SecurityLevel: {
    readonly noAuthNoPriv: number;
    readonly authNoPriv: number;
    readonly authPriv: number;
  };
  export const AuthProtocols: {
    readonly none: number;
    readonly md5: number;
    readonly sha: number;
    readonly sha224: number;
    readonly sha256: number;
    readonly sha384: number;
    readonly sha512: number;
  };
  export const PrivProtocols: {
    readonly none: number;
    readonly des: number;
    readonly aes: number;
    readonly aes256b: number;
    readonly aes256r: number;
  };
  /** Both directions: number → name and name → number (e.g. 1 ↔ 'TooBig'). */
  export const ErrorStatus: Readonly<Record<string | number, string | number>>;
  /** Both directions: number → name and name → number (e.g. 4 ↔ 'ECouldNotDecrypt'). */
  export const ResponseInvalidCode: Readonly<Record<string | number, string | number>>;

  export class ResponseInvalidError extends Error {
    code: number;
    /** For EAuthFailure net-snmp puts the v3 user here, keys included: never log it. */
    info?: unknown;
  }
  export class RequestInvalidError extends Error {}
  export class RequestFailedError extends Error {
    /** SNMP error-status number (1 tooBig, 2 noSuchName, 5 genErr, ...). */
    status: number;
  }
  export class RequestTimedOutError extends Error {}

  export interface ModuleStore {
    loadFromFile(fileName: string): void;
    /** The parser behind loadFromFile (net-snmp lib/mib.js); used to load pre-processed module text. */
    parser: {
      ParseModule(fileName: string, contents: string): void;
      Serialize(): void;
    };
    addTranslationsForModule(moduleName: string): void;
    getModule(moduleName: string): Record<string, unknown> | undefined;
    getModuleNames(includeBase?: boolean): string[];
    translations: {
      oidToModule: Record<string, string>;
      moduleToOid: Record<string, string>;
    };
  }
  export function createModuleStore(options?: { baseModules?: string[] }): ModuleStore;
}
