/** OID ↔ name, enumerations and syntax for the MIB modules in mibs/ (+ user folders), loaded once at startup through net-snmp's parser. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { createModuleStore, type ModuleStore } from 'net-snmp';
import { closestName } from '../config/suggest.js';
import { LinkscopeError } from '../model/errors.js';
import { isNumericOid } from '../snmp/oid.js';
import { checkMibSyntax, lineOfDefinition, lineOfImport } from './mib-check.js';

/**
 * Finds the repository's mibs/ folder from this file, whether it runs from src/mib (tsx, vitest)
 * or dist/src/mib (built): walk up until a mibs/ with IF-MIB appears.
 */
export function defaultMibDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'mibs');
    if (existsSync(join(candidate, 'IF-MIB.mib'))) return candidate;
    dir = dirname(dir);
  }
  throw new LinkscopeError('LS_MIB_LOAD', `no mibs/ folder with IF-MIB.mib found above ${fileURLToPath(import.meta.url)}`);
}

const MODULE_NAME = /^\s*([A-Za-z][\w-]*)\s+DEFINITIONS\s*::=\s*BEGIN/m;
const IMPORTS_BLOCK = /\bIMPORTS\b([\s\S]*?);/;
const FROM = /\bFROM\s+([A-Za-z][\w-]*)/g;
const MIB_FILE = /\.(mib|txt|my)$/i;

interface MibFile {
  readonly path: string;
  readonly module: string;
  readonly imports: string[];
  readonly text: string;
}

/** A module that could not be loaded, where and why: the rest still load (a broken MIB never stops start-up). */
export interface SkippedModule {
  readonly module: string;
  readonly path: string;
  /** 1-based line of the problem in `path`, when it can be told. */
  readonly line?: number;
  readonly reason: string;
}

/** `path:line: MIB module X not loaded: reason`: one line for stderr or a log message. */
export function describeSkipped(s: SkippedModule): string {
  return `${s.path}${s.line === undefined ? '' : `:${s.line}`}: MIB module ${s.module} not loaded: ${s.reason}`;
}

function stripComments(text: string): string {
  return text.replace(/--.*?(--|$)/gm, ' ');
}

function readMibFile(path: string): MibFile {
  const text = readFileSync(path, 'utf8');
  const module = MODULE_NAME.exec(text)?.[1];
  if (module === undefined) throw new Error('no "<MODULE> DEFINITIONS ::= BEGIN" line; is it a MIB module?');
  const block = IMPORTS_BLOCK.exec(stripComments(text))?.[1] ?? '';
  const imports = [...new Set([...block.matchAll(FROM)].map((m) => m[1] as string))];
  return { path, module, imports, text };
}

const OID_VALUE = /::=\s*\{([^}]*)\}/g;

/**
 * Puts every `::= { … }` OID value on one line, comments dropped. net-snmp's parser collapses only
 * the first whitespace run of a value, so a value spread over lines, such as LLDP-V2-TC-MIB's
 * `{ org ieee(111) standards-association-numbers-series-standards(2)⏎ lan-man-stds(802) ieee802dot1(1) 1 }`,
 * came out as 1.3.111.2 instead of 1.3.111.2.802.1.1 and shifted all of LLDP-V2-MIB.
 */
export function normalizeOidValues(text: string): string {
  return text.replace(OID_VALUE, (_m, body: string) => `::= { ${body.replace(/--[^\n]*/g, ' ').replace(/\s+/g, ' ').trim()} }`);
}

/**
 * Orders files so every module comes after the modules it imports: net-snmp's parser resolves
 * IMPORTS at load time and mis-compiles when the order is wrong.
 */
function dependencyOrder(files: MibFile[]): MibFile[] {
  const byModule = new Map(files.map((f) => [f.module, f]));
  const ordered: MibFile[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (f: MibFile): void => {
    if (state.has(f.module)) return; // done, or a cycle (SMI modules do not have real ones)
    state.set(f.module, 'visiting');
    for (const dep of f.imports) {
      const d = byModule.get(dep);
      if (d !== undefined) visit(d);
    }
    state.set(f.module, 'done');
    ordered.push(f);
  };
  for (const f of files) visit(f);
  return ordered;
}

/** SMIv1 modules kept for the imports of RFC1271-MIB / TOKEN-RING-RMON-MIB (needed by LLDP-MIB via RMON2-MIB). */
const SUPERSEDED_MODULES: ReadonlySet<string> = new Set(['RFC1155-SMI', 'RFC-1212', 'RFC1158-MIB', 'RFC1213-MIB', 'RFC1271-MIB']);

/** The parts of net-snmp's lib/mib.js parser used here (not in its typings). */
interface Parser {
  ParseModule(fileName: string, contents: string): void;
  Serialize(): void;
  CharBuffer: { Table: Record<string, unknown> };
  SymbolBuffer: Record<string, unknown>;
  Modules: Record<string, Record<string, unknown>>;
}

/**
 * Parses one module into the store and returns what net-snmp printed meanwhile (it reports
 * problems with console.log/warn, never by throwing, and would otherwise write into our output).
 * The parser re-serialises every file it has seen on each Serialize(); clearing its buffers first
 * makes loading linear (measured 2.4 s → see `load`, for 54 modules).
 */
function loadInto(store: ModuleStore, f: MibFile): string[] {
  const parser = store.parser as unknown as Parser;
  const said: string[] = [];
  const saved = { log: console.log, warn: console.warn, error: console.error };
  const capture = (...args: unknown[]): void => {
    said.push(format(...args));
  };
  console.log = capture;
  console.warn = capture;
  console.error = capture;
  try {
    parser.CharBuffer.Table = {};
    parser.SymbolBuffer = {};
    parser.ParseModule(basename(f.path, extname(f.path)), normalizeOidValues(f.text));
    parser.Serialize();
  } finally {
    console.log = saved.log;
    console.warn = saved.warn;
    console.error = saved.error;
  }
  return said;
}

/** The problem net-snmp printed while loading `f`, with the line it names or we find; undefined when it printed nothing. */
function problemFrom(said: readonly string[], f: MibFile): { line?: number; reason: string } | undefined {
  const first = said[0];
  if (first === undefined) return undefined;
  const mount = /Unable to mount node '([^']+)'/.exec(first);
  const line = mount !== null ? lineOfDefinition(f.text, mount[1] as string) : /\(line (\d+)\)/.exec(first)?.[1];
  const reason = first.replace(/^\[[^\]]*\]:\s*/, '').replace(/!+/g, '').trim();
  return { ...(line === undefined ? {} : { line: Number(line) }), reason: `net-snmp's MIB parser: ${reason}` };
}

export interface MibStoreOptions {
  /** Folder of the shipped modules. Default: the repository's mibs/. */
  readonly dir?: string;
  /**
   * The compiled index of `dir` written at build time (writeMibIndex; default dist/mibs-index.json
   * beside the built code), used when no user folder is given and its fingerprint matches; false = always parse.
   */
  readonly index?: string | false;
  /**
   * User folders (config `mibs.dirs`, LINKSCOPE_MIB_DIRS), loaded after `dir`; their modules may
   * import each other and the shipped ones. A module name already loaded from an earlier folder is skipped.
   */
  readonly dirs?: readonly string[];
}

/** Enumerated INTEGER values: number → label (`{ 1: 'up', 2: 'down' }`). */
export type Enumeration = Readonly<Record<number, string>>;

/** SMI base types, as net-snmp's parser names them (SMIv1's Counter/Gauge/NetworkAddress mapped to SMIv2). */
export type MibBaseType =
  | 'INTEGER'
  | 'OCTET STRING'
  | 'OBJECT IDENTIFIER'
  | 'BITS'
  | 'Counter32'
  | 'Counter64'
  | 'Gauge32'
  | 'Unsigned32'
  | 'TimeTicks'
  | 'IpAddress'
  | 'Opaque';

/** What the MIB says about one object: the syntax an API user needs to read its values. */
export interface MibObject {
  /** `IF-MIB::ifOperStatus`. */
  readonly name: string;
  readonly module: string;
  /** `1.3.6.1.2.1.2.2.1.8`. */
  readonly oid: string;
  /** `OBJECT-TYPE`, `OBJECT IDENTIFIER`, `MODULE-IDENTITY`, `NOTIFICATION-TYPE`, … */
  readonly macro: string;
  /** SYNTAX as written: a base type or a TEXTUAL-CONVENTION name (`DisplayString`, `InterfaceIndex`). Undefined for non-objects. */
  readonly syntax?: string;
  /** The base type under any textual conventions; undefined for tables, rows and non-objects. */
  readonly baseType?: MibBaseType;
  /** The DISPLAY-HINT of the syntax's TEXTUAL-CONVENTION (`255a`, `1x:`), if any. */
  readonly displayHint?: string;
  readonly enumeration?: Enumeration;
  /** UNITS clause (`seconds`, `KBytes`), printed after numbers as snmpwalk does. */
  readonly units?: string;
  /** MAX-ACCESS (SMIv2) or ACCESS (SMIv1). */
  readonly access?: string;
  readonly status?: string;
  /** INDEX objects of a row (`ifEntry` → `['ifIndex']`); AUGMENTS rows give the augmented row's. */
  readonly indexes?: readonly string[];
  /** The last index is IMPLIED (no length sub-identifier), as in SNMP-VIEW-BASED-ACM-MIB's vacmViewTreeFamilyEntry. */
  readonly impliedLast?: boolean;
  /** SIZE of an OCTET STRING syntax when it allows one length only (MacAddress: 6): such an index has no length sub-identifier. */
  readonly fixedSize?: number;
}

const BASE_TYPES: Readonly<Record<string, MibBaseType>> = {
  INTEGER: 'INTEGER',
  Integer32: 'INTEGER',
  'OCTET STRING': 'OCTET STRING',
  'OBJECT IDENTIFIER': 'OBJECT IDENTIFIER',
  BITS: 'BITS',
  Counter32: 'Counter32',
  Counter: 'Counter32',
  Counter64: 'Counter64',
  Gauge32: 'Gauge32',
  Gauge: 'Gauge32',
  Unsigned32: 'Unsigned32',
  TimeTicks: 'TimeTicks',
  IpAddress: 'IpAddress',
  NetworkAddress: 'IpAddress',
  Opaque: 'Opaque',
};

interface TextualConvention {
  readonly syntax: unknown;
  readonly hint?: string;
}

/** `'Gauge32'` / `{ DisplayString: { sizes } }` / `{ INTEGER: { 1: 'up' } }` → the type name written. */
function syntaxName(syntax: unknown): string | undefined {
  if (typeof syntax === 'string') return syntax;
  if (syntax !== null && typeof syntax === 'object') return Object.keys(syntax)[0];
  return undefined;
}

/** `{ INTEGER: { 1: 'up', … } }` (or BITS) → the enumeration; anything else → undefined. */
function enumerationOf(syntax: unknown): Enumeration | undefined {
  if (syntax === null || typeof syntax !== 'object') return undefined;
  const values = (syntax as Record<string, unknown>)['INTEGER'] ?? (syntax as Record<string, unknown>)['BITS'];
  if (values === null || typeof values !== 'object') return undefined;
  const out: Record<number, string> = {};
  // net-snmp's parser keeps what precedes "(" verbatim: `prefix (2) -- a comment` gives "prefix ".
  for (const [k, v] of Object.entries(values)) if (/^-?\d+$/.test(k) && typeof v === 'string') out[Number(k)] = v.trim();
  return Object.keys(out).length > 0 ? out : undefined;
}

/** An OBJECT-TYPE's clauses before its DESCRIPTION, comments dropped: where UNITS and MAX-ACCESS live. */
const OBJECT_HEAD = /^[ \t]*([a-z][\w-]*)\s+OBJECT-TYPE\b([\s\S]*?)\bDESCRIPTION\b/gm;
const UNITS = /\bUNITS\s+"([^"]*)"/;
const ACCESS = /\b(?:MAX-)?ACCESS\s+([a-z][\w-]*)/;

/**
 * UNITS and MAX-ACCESS per object, read from the text: net-snmp's parser drops both after a
 * ranged SYNTAX (`SYNTAX Integer32 (0..2147483647) UNITS "milliseconds"` in TCP-MIB::tcpRtoMin).
 */
function objectClauses(text: string): Map<string, { units?: string; access?: string }> {
  const out = new Map<string, { units?: string; access?: string }>();
  for (const m of text.replace(/--[^\n]*/g, ' ').matchAll(OBJECT_HEAD)) {
    const head = m[2] as string;
    const units = UNITS.exec(head)?.[1];
    const access = ACCESS.exec(head)?.[1];
    out.set(m[1] as string, { ...(units === undefined ? {} : { units }), ...(access === undefined ? {} : { access }) });
  }
  return out;
}

const ROW_INDEX = /^[ \t]*([a-z][\w-]*)\s+OBJECT-TYPE\b[^:]*?\bINDEX\s*\{([^}]*)\}/gm;

/** Rows whose INDEX ends in IMPLIED (net-snmp's parser drops the keyword). */
function impliedRows(text: string): Set<string> {
  const out = new Set<string>();
  if (!text.includes('IMPLIED')) return out;
  // Strings and comments out, so a DESCRIPTION never looks like a clause; "::=" ends each definition.
  const bare = text.replace(/--[^\n]*/g, ' ').replace(/"[^"]*"/g, '""');
  for (const m of bare.matchAll(ROW_INDEX)) if (/\bIMPLIED\b/.test(m[2] as string)) out.add(m[1] as string);
  return out;
}

/** `{ 'OCTET STRING': { sizes: [{ min: 6, max: 6 }] } }` → 6; any other syntax → undefined. */
function fixedSizeOf(syntax: unknown): number | undefined {
  if (syntax === null || typeof syntax !== 'object') return undefined;
  const inner = Object.values(syntax)[0] as { sizes?: { min: number; max: number }[] } | undefined;
  const sizes = inner?.sizes;
  return Array.isArray(sizes) && sizes.length === 1 && sizes[0]?.min === sizes[0]?.max ? sizes[0]?.min : undefined;
}

const TC_SYNTAX = /([A-Z][\w-]*)\s*::=\s*TEXTUAL-CONVENTION\b[^:]*?\bSYNTAX\s+(OCTET\s+STRING|OBJECT\s+IDENTIFIER|[A-Za-z][\w-]*)\s*(\{[^}]*\}|\(\s*SIZE\s*\(\s*(\d+)\s*\)\s*\))?/g;

/**
 * TEXTUAL-CONVENTION syntaxes read from the text, in net-snmp's shape, for the TCs its parser
 * leaves without SYNTAX (INET-ADDRESS-MIB's InetPortNumber, InetZoneIndex: seen in this version).
 */
function conventionSyntaxes(text: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!text.includes('TEXTUAL-CONVENTION')) return out;
  const bare = text.replace(/--[^\n]*/g, ' ').replace(/"[^"]*"/g, '""');
  for (const m of bare.matchAll(TC_SYNTAX)) {
    const type = (m[2] as string).replace(/\s+/g, ' ');
    const body = m[3];
    if (body?.startsWith('{') === true && (type === 'INTEGER' || type === 'BITS')) {
      const values: Record<string, string> = {};
      for (const e of body.matchAll(/([a-z][\w-]*)\s*\(\s*(-?\d+)\s*\)/g)) values[e[2] as string] = e[1] as string;
      out.set(m[1] as string, { [type]: values });
    } else if (m[4] !== undefined) {
      out.set(m[1] as string, { [type]: { sizes: [{ min: Number(m[4]), max: Number(m[4]) }] } });
    } else {
      out.set(m[1] as string, type);
    }
  }
  return out;
}

const DISPLAY_HINT = /([A-Za-z][\w-]*)\s*::=\s*TEXTUAL-CONVENTION\s+DISPLAY-HINT\s+"([^"]*)"/g;

/** Parsed module data, before the maps are built: one entry per defined object. */
interface Definition extends Record<string, unknown> {
  readonly ObjectName: string;
  readonly ModuleName: string;
}

/** Resolves names like `IF-MIB::ifHCInOctets`, `ifHCInOctets.5` or numeric OIDs; renders OIDs as `MODULE::name.index`. */
export class MibStore {
  readonly #qualifiedToOid: Map<string, string>;
  readonly #nameToOid: Map<string, string>;
  readonly #oidToName: Map<string, string>;
  readonly #objects: Map<string, MibObject>;
  /** Modules loaded, in load order (dependencies first). */
  readonly modules: readonly string[];
  /** Modules that failed to parse, compile or import; their names do not resolve, every other module's do. */
  readonly skipped: readonly SkippedModule[];
  /** Wall time `load` took, in ms (performance.now). */
  readonly loadMs: number;
  /** True when `load` read the build-time index instead of parsing the modules. */
  readonly fromIndex: boolean;

  private constructor(
    qualifiedToOid: Map<string, string>,
    oidToName: Map<string, string>,
    objects: Map<string, MibObject>,
    modules: string[],
    skipped: SkippedModule[],
    loadMs: number,
    fromIndex = false,
  ) {
    this.fromIndex = fromIndex;
    this.#qualifiedToOid = qualifiedToOid;
    this.#oidToName = oidToName;
    this.#objects = objects;
    this.modules = modules;
    this.skipped = skipped;
    this.loadMs = loadMs;
    this.#nameToOid = new Map();
    for (const [qualified, oid] of qualifiedToOid) {
      const name = qualified.slice(qualified.indexOf('::') + 2);
      // First module wins for a bare name; SMIv2 modules come first (see load).
      if (!this.#nameToOid.has(name)) this.#nameToOid.set(name, oid);
    }
  }

  /**
   * Loads every module in the shipped folder, then the user folders (once, at startup; see
   * `loadMs`). A module that fails to load is listed in `skipped` with file, line and reason, and
   * so is a module importing it or a module no folder has; the others still load. Only an
   * unreadable folder is LS_MIB_LOAD.
   */
  static load(options: MibStoreOptions = {}): MibStore {
    const started = performance.now();
    const dirs = [resolve(options.dir ?? defaultMibDir()), ...(options.dirs ?? []).map((d) => resolve(d))];
    if (dirs.length === 1 && options.index !== false) {
      const index = readIndex(options.index ?? defaultIndexPath(), dirs[0] as string);
      if (index !== undefined) {
        return new MibStore(new Map(index.qualifiedToOid), new Map(index.oidToName), new Map(index.objects.map((o) => [o.oid, o])), index.modules, index.skipped, performance.now() - started, true);
      }
    }
    return MibStore.parse(dirs, started);
  }

  /** Parses every module of `dirs` (the first is the shipped folder) with net-snmp's parser. */
  private static parse(dirs: readonly string[], started: number): MibStore {
    const skipped: SkippedModule[] = [];
    const read: MibFile[] = [];
    const byModule = new Map<string, MibFile>();
    for (const dir of dirs) {
      let names: string[];
      try {
        names = readdirSync(dir)
          .filter((n) => MIB_FILE.test(n))
          .sort();
      } catch (err) {
        throw new LinkscopeError('LS_MIB_LOAD', `cannot read the MIB folder ${dir}: ${(err as Error).message}`, { cause: err });
      }
      for (const n of names) {
        const path = join(dir, n);
        let f: MibFile;
        try {
          f = readMibFile(path);
        } catch (err) {
          skipped.push({ module: n, path, line: 1, reason: (err as Error).message });
          continue;
        }
        const earlier = byModule.get(f.module);
        if (earlier !== undefined) {
          skipped.push({ module: f.module, path, reason: `module ${f.module} is already loaded from ${earlier.path}` });
          continue;
        }
        byModule.set(f.module, f);
        read.push(f);
      }
    }
    const files = dependencyOrder(read);
    const store = createModuleStore({ baseModules: [] });
    const loaded = new Set<string>();
    const loadedFiles: MibFile[] = [];
    const failed = new Set<string>();
    for (const f of files) {
      const skip = (line: number | undefined, reason: string): void => {
        failed.add(f.module);
        skipped.push({ module: f.module, path: f.path, ...(line === undefined ? {} : { line }), reason });
      };
      const missing = f.imports.find((m) => !byModule.has(m));
      if (missing !== undefined) {
        skip(lineOfImport(f.text, missing), `imports from ${missing}, which no MIB folder has (shipped mibs/, mibs.dirs, LINKSCOPE_MIB_DIRS)`);
        continue;
      }
      const broken = f.imports.find((m) => failed.has(m) || !loaded.has(m));
      if (broken !== undefined) {
        skip(lineOfImport(f.text, broken), `imports from ${broken}, which did not load`);
        continue;
      }
      const syntax = checkMibSyntax(f.text);
      if (syntax !== undefined) {
        skip(syntax.line, syntax.message);
        continue;
      }
      let problem: { line?: number; reason: string } | undefined;
      try {
        problem = problemFrom(loadInto(store, f), f);
      } catch (err) {
        problem = { reason: `net-snmp's MIB parser failed: ${(err as Error).message}` };
      }
      if (problem !== undefined) {
        skip(problem.line, problem.reason);
        // Forget what the parser half-compiled, so its names never resolve.
        delete (store.parser as unknown as Parser).Modules[f.module];
        continue;
      }
      loaded.add(f.module);
      loadedFiles.push(f);
    }
    const order = [...loadedFiles.filter((f) => !SUPERSEDED_MODULES.has(f.module)), ...loadedFiles.filter((f) => SUPERSEDED_MODULES.has(f.module))];
    const { qualifiedToOid, oidToName, objects } = buildMaps(store, order);
    return new MibStore(qualifiedToOid, oidToName, objects, loadedFiles.map((f) => f.module), skipped, performance.now() - started);
  }

  /**
   * Numeric OID for `IF-MIB::ifHCInOctets`, `ifHCInOctets`, either with an instance suffix
   * (`ifHCInOctets.5`), or a numeric OID (leading dot allowed). LS_MIB_UNKNOWN_NAME otherwise,
   * with the nearest known name when one is close.
   */
  oidForName(name: string): string {
    const text = name.trim();
    const numeric = text.startsWith('.') ? text.slice(1) : text;
    if (isNumericOid(numeric)) return numeric;
    const sep = text.indexOf('::');
    const head = sep >= 0 ? text.slice(sep + 2) : text;
    const dot = head.indexOf('.');
    const object = dot >= 0 ? head.slice(0, dot) : head;
    const suffix = dot >= 0 ? head.slice(dot + 1) : '';
    const base = sep >= 0 ? this.#qualifiedToOid.get(`${text.slice(0, sep)}::${object}`) : this.#nameToOid.get(object);
    if (base === undefined || (suffix !== '' && !isNumericOid(suffix))) {
      const hint = base === undefined ? this.suggest(sep >= 0 ? `${text.slice(0, sep)}::${object}` : object) : undefined;
      const why = base === undefined ? 'is not defined by the loaded MIB modules' : 'has an instance suffix that is not numeric';
      throw new LinkscopeError(
        'LS_MIB_UNKNOWN_NAME',
        `"${name}" ${why}${hint === undefined ? '' : ` (did you mean ${hint}?)`}; use a numeric OID, or add the module to a MIB folder (mibs.dirs, LINKSCOPE_MIB_DIRS)`,
        { details: { name, ...(hint === undefined ? {} : { suggestion: hint }) } },
      );
    }
    return suffix === '' ? base : `${base}.${suffix}`;
  }

  /** Alias of oidForName: `MODULE::name`, bare `name`, with or without an instance suffix → numeric OID. */
  resolve(name: string): string {
    return this.oidForName(name);
  }

  /** The known name nearest to a misspelt one (`IF-MIB::ifDesc` → `IF-MIB::ifDescr`), if any is close. */
  suggest(name: string): string | undefined {
    const sep = name.indexOf('::');
    if (sep >= 0) {
      const module = name.slice(0, sep);
      const inModule = this.names().filter((q) => q.startsWith(`${module}::`));
      if (inModule.length > 0) return closestName(name, inModule);
      const bare = name.slice(sep + 2);
      return this.#nameToOid.has(bare) ? this.nameForOid(this.#nameToOid.get(bare) as string) : closestName(name, this.names());
    }
    const bare = closestName(name, [...this.#nameToOid.keys()]);
    return bare === undefined ? undefined : this.nameForOid(this.#nameToOid.get(bare) as string);
  }

  /** True when `oidForName` would succeed. */
  has(name: string): boolean {
    try {
      this.oidForName(name);
      return true;
    } catch {
      return false;
    }
  }

  /** `1.3.6.1.2.1.31.1.1.1.6.5` → `IF-MIB::ifHCInOctets.5` (longest known prefix); unknown OIDs come back unchanged. */
  nameForOid(oid: string): string {
    let prefix = oid.startsWith('.') ? oid.slice(1) : oid;
    const full = prefix;
    for (;;) {
      const name = this.#oidToName.get(prefix);
      if (name !== undefined) return prefix.length === full.length ? name : `${name}${full.slice(prefix.length)}`;
      const cut = prefix.lastIndexOf('.');
      if (cut <= 0) return full;
      prefix = prefix.slice(0, cut);
    }
  }

  /**
   * An instance OID as snmpwalk names it, table indexes decoded from the row's INDEX clause
   * (net-snmp mib.c _get_realloc_symbol): integers (enumerated ones by label), IpAddress dotted,
   * strings quoted (`"comm1"`; IMPLIED and fixed-size ones in single quotes, `'u256'`), an
   * InetAddress after its InetAddressType as an address (`ipv4."192.0.2.1"`). What cannot be
   * decoded stays numeric: `SNMP-VIEW-BASED-ACM-MIB::vacmGroupName.1."comm1"`, `IF-MIB::ifDescr.5`.
   */
  formatOid(oid: string): string {
    const full = oid.startsWith('.') ? oid.slice(1) : oid;
    let prefix = full;
    let name: string | undefined;
    for (;;) {
      name = this.#oidToName.get(prefix);
      if (name !== undefined) break;
      const cut = prefix.lastIndexOf('.');
      if (cut <= 0) return full;
      prefix = prefix.slice(0, cut);
    }
    if (prefix.length === full.length) return name;
    const rest = full.slice(prefix.length + 1).split('.').map(Number);
    const here = this.#objects.get(prefix);
    const parent = this.#objects.get(prefix.slice(0, prefix.lastIndexOf('.')));
    const out: string[] = [];
    let row: MibObject | undefined;
    if (here?.indexes !== undefined) {
      // A column this store does not know under a known row: its number first, then the index.
      row = here;
      out.push(String(rest.shift()));
    } else if (parent?.indexes !== undefined) {
      row = parent;
    }
    if (row?.indexes !== undefined) out.push(...this.#decodeIndex(row, rest));
    return [name, ...out, ...rest.map(String)].join('.');
  }

  /** Takes the sub-identifiers it can decode off `rest` (mutated) and returns their text, one entry per index. */
  #decodeIndex(row: MibObject, rest: number[]): string[] {
    const out: string[] = [];
    const indexes = row.indexes ?? [];
    let previous: MibObject | undefined;
    let previousNumber = NaN;
    for (let i = 0; i < indexes.length && rest.length > 0; i++) {
      const oid = this.#nameToOid.get(indexes[i] as string);
      const index = oid === undefined ? undefined : this.#objects.get(oid);
      if (index === undefined) break;
      const implied = row.impliedLast === true && i === indexes.length - 1;
      let text: string | undefined;
      switch (index.baseType) {
        case 'INTEGER':
        case 'Unsigned32':
        case 'Gauge32':
        case 'TimeTicks': {
          const n = rest.shift() as number;
          previousNumber = n;
          text = (index.baseType === 'TimeTicks' ? undefined : index.enumeration?.[n]) ?? String(n);
          break;
        }
        case 'IpAddress':
          if (rest.length >= 4) text = rest.splice(0, 4).join('.');
          break;
        case 'OBJECT IDENTIFIER': {
          const count = implied ? rest.length : (rest[0] as number) + 1;
          if (count <= rest.length) text = rest.splice(0, count).join('.');
          break;
        }
        case 'OCTET STRING': {
          if (implied || index.fixedSize !== undefined) {
            const count = implied ? rest.length : (index.fixedSize as number);
            if (count <= rest.length) text = oidString(rest.splice(0, count), "'");
          } else if ((rest[0] as number) + 1 <= rest.length) {
            const count = rest.shift() as number;
            const bytes = rest.splice(0, count);
            // An InetAddress right after its InetAddressType prints as an address (ipv4."192.0.2.1").
            const type = previous?.syntax === 'InetAddressType' && index.syntax === 'InetAddress' ? previousNumber : NaN;
            text = count === 0 ? '""' : (inetAddress(type, bytes) ?? oidString(bytes, '"'));
          }
          break;
        }
        default:
          break;
      }
      if (text === undefined) break;
      out.push(text);
      previous = index;
    }
    return out;
  }

  /**
   * The object a name or OID belongs to (an instance OID such as `1.3.6.1.2.1.2.2.1.8.3` gives
   * IF-MIB::ifOperStatus): syntax, base type, DISPLAY-HINT, enumeration, access, indexes.
   * Undefined when no loaded module defines it or a prefix of it.
   */
  object(nameOrOid: string): MibObject | undefined {
    let prefix: string;
    try {
      prefix = this.oidForName(nameOrOid);
    } catch {
      return undefined;
    }
    for (;;) {
      const found = this.#objects.get(prefix);
      if (found !== undefined) return found;
      const cut = prefix.lastIndexOf('.');
      if (cut <= 0) return undefined;
      prefix = prefix.slice(0, cut);
    }
  }

  /** The enumeration of an object (`IF-MIB::ifOperStatus` → `{ 1: 'up', … }`), directly or through its TEXTUAL-CONVENTION (TruthValue). */
  enumeration(nameOrOid: string): Enumeration | undefined {
    return this.object(nameOrOid)?.enumeration;
  }

  /**
   * The MIB's name for an INTEGER value of the object at `oid` (an instance OID is fine):
   * `up` for IF-MIB::ifOperStatus.3 = 1. Undefined when the object has no enumeration or not this value.
   */
  enumName(oid: string, value: number): string | undefined {
    return this.enumeration(oid)?.[value];
  }

  /** Every `MODULE::name` the store knows, for tests and the CLI's completion. */
  names(): string[] {
    return [...this.#qualifiedToOid.keys()];
  }

  /** The store as a build-time index of `dir` (see writeMibIndex). */
  toIndex(dir: string): MibIndex {
    return {
      version: INDEX_VERSION,
      fingerprint: fingerprint(dir),
      modules: [...this.modules],
      skipped: [...this.skipped],
      qualifiedToOid: [...this.#qualifiedToOid],
      oidToName: [...this.#oidToName],
      objects: [...this.#objects.values()],
    };
  }
}

const INDEX_VERSION = 2;

/** Sub-identifiers as characters between quotes; anything unprintable (or > 254) becomes ".", as net-snmp's dump_realloc_oid_to_string. */
function oidString(subids: readonly number[], quote: string): string {
  if (subids.length === 0) return '';
  return `${quote}${subids.map((c) => (c >= 0x20 && c <= 0x7e ? String.fromCharCode(c) : '.')).join('')}${quote}`;
}

/** An InetAddress index by its InetAddressType (net-snmp's dump_realloc_oid_to_inetaddress): ipv4(1) dotted, ipv6(2) as 16 hex pairs; others undefined. */
function inetAddress(type: number, bytes: readonly number[]): string | undefined {
  if (bytes.some((b) => b > 255)) return undefined;
  if ((type === 1 && bytes.length === 4) || (type === 3 && bytes.length === 8)) {
    const zone = type === 3 ? `%${(((bytes[4] as number) << 24) | ((bytes[5] as number) << 16) | ((bytes[6] as number) << 8) | (bytes[7] as number)) >>> 0}` : '';
    return `"${bytes.slice(0, 4).join('.')}${zone}"`;
  }
  if ((type === 2 && bytes.length === 16) || (type === 4 && bytes.length === 20)) {
    const zone = type === 4 ? `%${(((bytes[16] as number) << 24) | ((bytes[17] as number) << 16) | ((bytes[18] as number) << 8) | (bytes[19] as number)) >>> 0}` : '';
    return `"${bytes
      .slice(0, 16)
      .map((b) => b.toString(16).padStart(2, '0'))
      .join(':')}${zone}"`;
  }
  return undefined;
}

/** The compiled form of a MIB folder: what MibStore needs, without net-snmp's parse (~0.5 s for mibs/). */
export interface MibIndex {
  readonly version: number;
  /** sha256 of the folder's module files and of this code: any change and the index is ignored. */
  readonly fingerprint: string;
  readonly modules: string[];
  readonly skipped: SkippedModule[];
  readonly qualifiedToOid: [string, string][];
  readonly oidToName: [string, string][];
  readonly objects: MibObject[];
}

/** dist/mibs-index.json when running built (dist/src/mib/), <repo>/mibs-index.json from src/ (absent: parse). */
export function defaultIndexPath(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'mibs-index.json');
}

/** Hash of the folder's module files (names and contents) and of the code that compiles them. */
function fingerprint(dir: string): string {
  const hash = createHash('sha256');
  hash.update(`v${INDEX_VERSION}\0`);
  const here = fileURLToPath(import.meta.url);
  const ext = extname(here);
  for (const code of [here, join(dirname(here), `mib-check${ext}`)]) hash.update(readFileSync(code));
  for (const n of readdirSync(dir)
    .filter((f) => MIB_FILE.test(f))
    .sort()) {
    hash.update(`\0${n}\0`);
    hash.update(readFileSync(join(dir, n)));
  }
  return hash.digest('hex');
}

function readIndex(path: string, dir: string): MibIndex | undefined {
  let index: MibIndex;
  try {
    index = JSON.parse(readFileSync(path, 'utf8')) as MibIndex;
  } catch {
    return undefined; // no index (running from src/, or not built): parse instead
  }
  try {
    return index.version === INDEX_VERSION && index.fingerprint === fingerprint(dir) ? index : undefined;
  } catch {
    return undefined;
  }
}

/** Parses `dir` and writes its index to `path` (npm run build: dist/mibs-index.json). Returns the store it wrote. */
export function writeMibIndex(path: string = defaultIndexPath(), dir: string = defaultMibDir()): MibStore {
  const store = MibStore.load({ dir, index: false });
  writeFileSync(path, JSON.stringify(store.toIndex(resolve(dir))));
  return store;
}

/** The slice of a pino logger loadMibStore needs. */
export interface MibLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/**
 * MibStore.load for `serve`: each skipped module is one warn log (module, path, line; the message
 * names file:line and why), then one info line with the count and load time. Once, at start-up.
 */
export function loadMibStore(options: MibStoreOptions, logger: MibLogger): MibStore {
  const mibs = MibStore.load(options);
  // `mibModule`, not `module`: the serve logger's child already says module: 'mib'.
  for (const s of mibs.skipped) logger.warn({ mibModule: s.module, path: s.path, ...(s.line === undefined ? {} : { line: s.line }) }, describeSkipped(s));
  logger.info({ modules: mibs.modules.length, skipped: mibs.skipped.length, loadMs: Math.round(mibs.loadMs), fromIndex: mibs.fromIndex }, 'MIB modules loaded');
  return mibs;
}

/** Name and object maps from the parsed modules, `order` first-wins (SMIv2 modules before the superseded SMIv1 ones). */
function buildMaps(store: ModuleStore, order: readonly MibFile[]): { qualifiedToOid: Map<string, string>; oidToName: Map<string, string>; objects: Map<string, MibObject> } {
  const parser = store.parser as unknown as Parser;
  const conventions = new Map<string, TextualConvention>();
  const definitions: Definition[] = [];
  const clauses = new Map<string, { units?: string; access?: string; implied?: boolean }>();
  for (const f of order) {
    for (const [name, c] of objectClauses(f.text)) clauses.set(`${f.module}::${name}`, c);
    for (const row of impliedRows(f.text)) clauses.set(`${f.module}::${row}`, { ...clauses.get(`${f.module}::${row}`), implied: true });
    const hints = new Map<string, string>();
    for (const m of normalizeHintText(f.text).matchAll(DISPLAY_HINT)) hints.set(m[1] as string, m[2] as string);
    let textSyntaxes: Map<string, unknown> | undefined;
    for (const entry of Object.values(parser.Modules[f.module] ?? {})) {
      if (entry === null || typeof entry !== 'object') continue;
      const e = entry as Definition;
      if (typeof e.ObjectName !== 'string') continue;
      if (e['MACRO'] === 'TEXTUAL-CONVENTION' || (e['OID'] === undefined && e['SYNTAX'] !== undefined)) {
        // TEXTUAL-CONVENTIONs, and SMIv1 type assignments (`DisplayString ::= OCTET STRING`).
        if (!conventions.has(e.ObjectName)) {
          const hint = hints.get(e.ObjectName);
          let syntax = e['SYNTAX'];
          if (syntax === undefined) {
            textSyntaxes ??= conventionSyntaxes(f.text);
            syntax = textSyntaxes.get(e.ObjectName);
          }
          conventions.set(e.ObjectName, { syntax, ...(hint === undefined ? {} : { hint }) });
        }
      } else if (typeof e['OID'] === 'string') {
        definitions.push(e);
      }
    }
  }
  const qualifiedToOid = new Map<string, string>();
  const oidToName = new Map<string, string>();
  const objects = new Map<string, MibObject>();
  const byName = new Map<string, Definition>();
  for (const e of definitions) if (!byName.has(e.ObjectName)) byName.set(e.ObjectName, e);
  for (const e of definitions) {
    const oid = e['OID'] as string;
    const qualified = `${e.ModuleName}::${e.ObjectName}`;
    if (!qualifiedToOid.has(qualified)) qualifiedToOid.set(qualified, oid);
    if (!oidToName.has(oid)) oidToName.set(oid, qualified);
    if (!objects.has(oid)) objects.set(oid, describe(e, qualified, oid, conventions, byName, clauses.get(qualified)));
  }
  return { qualifiedToOid, oidToName, objects };
}

/** DISPLAY-HINT lines with comments dropped, so the regexp sees `X ::= TEXTUAL-CONVENTION DISPLAY-HINT "…"`. */
function normalizeHintText(text: string): string {
  return text.includes('DISPLAY-HINT') ? text.replace(/--[^\n]*/g, ' ') : '';
}

function describe(
  e: Definition,
  name: string,
  oid: string,
  conventions: ReadonlyMap<string, TextualConvention>,
  byName: ReadonlyMap<string, Definition>,
  clauses: { units?: string; access?: string; implied?: boolean } | undefined,
): MibObject {
  const syntax = e['SYNTAX'];
  const written = syntaxName(syntax);
  let baseType: MibBaseType | undefined;
  let displayHint: string | undefined;
  let enumeration = enumerationOf(syntax);
  let fixedSize = fixedSizeOf(syntax);
  // Follow textual conventions down to a base type (bounded: a TC naming itself must not loop).
  let current: unknown = syntax;
  for (let depth = 0; depth < 8 && current !== undefined; depth++) {
    const typeName = syntaxName(current);
    if (typeName === undefined) break;
    const base = BASE_TYPES[typeName];
    if (base !== undefined) {
      baseType = base;
      enumeration ??= enumerationOf(current);
      break;
    }
    const tc = conventions.get(typeName);
    if (tc === undefined) break;
    displayHint ??= tc.hint;
    enumeration ??= enumerationOf(tc.syntax);
    fixedSize ??= fixedSizeOf(tc.syntax);
    current = tc.syntax;
  }
  let indexes = Array.isArray(e['INDEX']) ? (e['INDEX'] as unknown[]).map(String) : undefined;
  let implied = clauses?.implied === true;
  if (indexes === undefined && Array.isArray(e['AUGMENTS'])) {
    const augmented = byName.get(String((e['AUGMENTS'] as unknown[])[0]));
    if (augmented !== undefined && Array.isArray(augmented['INDEX'])) {
      indexes = (augmented['INDEX'] as unknown[]).map(String);
      implied = false; // an AUGMENTS row with an IMPLIED base is rare enough to read numerically
    }
  }
  const access = clauses?.access ?? e['MAX-ACCESS'] ?? e['ACCESS'];
  const units = clauses?.units ?? e['UNITS'];
  return {
    name,
    module: e.ModuleName,
    oid,
    macro: String(e['MACRO'] ?? 'OBJECT IDENTIFIER'),
    ...(written === undefined ? {} : { syntax: written }),
    ...(baseType === undefined ? {} : { baseType }),
    ...(displayHint === undefined ? {} : { displayHint }),
    ...(enumeration === undefined ? {} : { enumeration }),
    ...(typeof units === 'string' ? { units } : {}),
    ...(typeof access === 'string' ? { access } : {}),
    ...(typeof e['STATUS'] === 'string' ? { status: e['STATUS'] } : {}),
    ...(indexes === undefined ? {} : { indexes: indexes.map((i) => i.replace(/^IMPLIED\s+/, '')) }),
    ...(implied && indexes !== undefined ? { impliedLast: true } : {}),
    ...(fixedSize === undefined || baseType !== 'OCTET STRING' ? {} : { fixedSize }),
  };
}
