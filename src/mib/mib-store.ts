/** OID ↔ name for the MIB modules in mibs/, loaded once at startup through net-snmp's ModuleStore. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createModuleStore, type ModuleStore } from 'net-snmp';
import { LinkscopeError } from '../model/errors.js';
import { isNumericOid } from '../snmp/oid.js';

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

interface MibFile {
  readonly path: string;
  readonly module: string;
  readonly imports: string[];
  readonly text: string;
}

function readMibFile(path: string): MibFile {
  const text = readFileSync(path, 'utf8');
  const module = MODULE_NAME.exec(text)?.[1];
  if (module === undefined) throw new LinkscopeError('LS_MIB_LOAD', `${path} has no "<MODULE> DEFINITIONS ::= BEGIN" line; is it a MIB module?`);
  const block = IMPORTS_BLOCK.exec(text)?.[1] ?? '';
  const imports = [...block.matchAll(FROM)].map((m) => m[1] as string);
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
 * IMPORTS at load time and prints "Can not find ..." (then mis-compiles) when the order is wrong.
 */
function dependencyOrder(files: MibFile[]): MibFile[] {
  const byModule = new Map(files.map((f) => [f.module, f]));
  const ordered: MibFile[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (f: MibFile): void => {
    if (state.get(f.module) === 'done') return;
    if (state.get(f.module) === 'visiting') return; // a cycle; SMI modules do not have real ones
    state.set(f.module, 'visiting');
    for (const dep of f.imports) {
      const d = byModule.get(dep);
      if (d !== undefined) visit(d);
    }
    state.set(f.module, 'done');
    ordered.push(f);
  };
  for (const f of [...files].sort((a, b) => a.module.localeCompare(b.module))) visit(f);
  return ordered;
}

/** A module that could not be loaded: the rest of mibs/ still is (a broken MIB never stops start-up). */
export interface SkippedModule {
  readonly module: string;
  readonly path: string;
  readonly reason: string;
}

/** SMIv1 modules kept for the imports of RFC1271-MIB / TOKEN-RING-RMON-MIB (needed by LLDP-MIB via RMON2-MIB). */
const SUPERSEDED_MODULES: ReadonlySet<string> = new Set(['RFC1155-SMI', 'RFC-1212', 'RFC1158-MIB', 'RFC1213-MIB', 'RFC1271-MIB']);

/** ModuleStore.loadFromFile, on the pre-processed text (see normalizeOidValues). */
function loadInto(store: ModuleStore, f: MibFile): void {
  const before = new Set(store.getModuleNames());
  store.parser.ParseModule(basename(f.path, extname(f.path)), normalizeOidValues(f.text));
  store.parser.Serialize();
  for (const m of store.getModuleNames()) if (!before.has(m)) store.addTranslationsForModule(m);
}

export interface MibStoreOptions {
  /** Folder of `.mib`/`.txt`/`.my` modules. Default: the repository's mibs/. */
  readonly dir?: string;
}

type Enumeration = Readonly<Record<number, string>>;

/** `{ INTEGER: { 1: 'up', … } }` → the enumeration; anything else (a TC name, a range) → undefined. */
function enumerationOf(syntax: unknown): Enumeration | undefined {
  if (syntax === null || typeof syntax !== 'object') return undefined;
  const integer = (syntax as Record<string, unknown>)['INTEGER'];
  if (integer === null || typeof integer !== 'object') return undefined;
  const out: Record<number, string> = {};
  for (const [k, v] of Object.entries(integer)) if (/^-?\d+$/.test(k) && typeof v === 'string') out[Number(k)] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * OID of every object whose SYNTAX is an enumerated INTEGER, directly (IF-MIB::ifOperStatus) or
 * through a TEXTUAL-CONVENTION of a loaded module (IANAifType, TruthValue, LldpChassisIdSubtype).
 */
function enumerations(store: ModuleStore, modules: readonly string[]): Map<string, Enumeration> {
  const objects: Record<string, unknown>[] = [];
  const conventions = new Map<string, Enumeration>();
  for (const name of modules) {
    for (const entry of Object.values(store.getModule(name) ?? {})) {
      if (entry === null || typeof entry !== 'object') continue;
      const e = entry as Record<string, unknown>;
      if (e['MACRO'] === 'TEXTUAL-CONVENTION' && typeof e['ObjectName'] === 'string') {
        const values = enumerationOf(e['SYNTAX']);
        if (values !== undefined) conventions.set(e['ObjectName'], values);
      } else if (typeof e['OID'] === 'string' && e['SYNTAX'] !== undefined) {
        objects.push(e);
      }
    }
  }
  const out = new Map<string, Enumeration>();
  for (const e of objects) {
    const syntax = e['SYNTAX'];
    const values = typeof syntax === 'string' ? conventions.get(syntax) : enumerationOf(syntax);
    if (values !== undefined) out.set(e['OID'] as string, values);
  }
  return out;
}

/** Resolves names like `IF-MIB::ifHCInOctets`, `ifHCInOctets.5` or numeric OIDs; renders OIDs as `MODULE::name.index`. */
export class MibStore {
  readonly #qualifiedToOid: Map<string, string>;
  readonly #nameToOid: Map<string, string>;
  readonly #oidToName: Map<string, string>;
  readonly #enums: Map<string, Enumeration>;
  readonly modules: readonly string[];
  /** Modules that failed to parse or compile; their names do not resolve, every other module's do. */
  readonly skipped: readonly SkippedModule[];

  private constructor(qualifiedToOid: Map<string, string>, oidToName: Map<string, string>, modules: string[], skipped: SkippedModule[], enums: Map<string, Enumeration>) {
    this.#qualifiedToOid = qualifiedToOid;
    this.#enums = enums;
    this.#oidToName = oidToName;
    this.modules = modules;
    this.skipped = skipped;
    this.#nameToOid = new Map();
    for (const [qualified, oid] of qualifiedToOid) {
      const name = qualified.slice(qualified.indexOf('::') + 2);
      // First module wins for a bare name; modules are loaded dependency-first, so the defining one.
      if (!this.#nameToOid.has(name)) this.#nameToOid.set(name, oid);
    }
  }

  /**
   * Loads every module in the folder (once, at startup: ~100 ms for the six standard modules).
   * A module that fails to load is listed in `skipped` and the others still load; only an
   * unreadable folder is LS_MIB_LOAD.
   */
  static load(options: MibStoreOptions = {}): MibStore {
    const dir = resolve(options.dir ?? defaultMibDir());
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => /\.(mib|txt|my)$/i.test(n));
    } catch (err) {
      throw new LinkscopeError('LS_MIB_LOAD', `cannot read the MIB folder ${dir}: ${(err as Error).message}`, { cause: err });
    }
    const skipped: SkippedModule[] = [];
    const read: MibFile[] = [];
    for (const n of names) {
      try {
        read.push(readMibFile(join(dir, n)));
      } catch (err) {
        skipped.push({ module: n, path: join(dir, n), reason: (err as Error).message });
      }
    }
    const files = dependencyOrder(read);
    // No base modules: ours in mibs/ are the only source of truth.
    let store = createModuleStore({ baseModules: [] });
    const loaded: MibFile[] = [];
    for (const f of files) {
      const bad = f.imports.filter((m) => skipped.some((s) => s.module === m));
      if (bad.length > 0) {
        skipped.push({ module: f.module, path: f.path, reason: `imports a module that did not load (${bad.join(', ')})` });
        continue;
      }
      try {
        loadInto(store, f);
        loaded.push(f);
      } catch (err) {
        skipped.push({ module: f.module, path: f.path, reason: (err as Error).message });
        // The parser keeps the broken module's half-compiled state and recompiles it on every
        // later load: start over with the modules that loaded (rare, and only at start-up).
        store = createModuleStore({ baseModules: [] });
        for (const ok of loaded) loadInto(store, ok);
      }
    }
    // SMIv2 names win over the SMIv1 modules shipped only because RMON's imports need them
    // (RFC1213-MIB::ifInOctets is IF-MIB::ifInOctets): those fill gaps, never replace.
    const all = Object.entries(store.translations.moduleToOid);
    const superseded = (q: string): boolean => SUPERSEDED_MODULES.has(q.slice(0, q.indexOf('::')));
    const qualifiedToOid = new Map([...all.filter(([q]) => !superseded(q)), ...all.filter(([q]) => superseded(q))]);
    const oidToName = new Map<string, string>();
    for (const [q, oid] of qualifiedToOid) if (!oidToName.has(oid)) oidToName.set(oid, q);
    let enums = new Map<string, Enumeration>();
    try {
      // SMIv1 modules first, so IF-MIB's ifOperStatus (1-7) replaces RFC1213-MIB's (1-3) for the same OID.
      const names = store.getModuleNames();
      enums = enumerations(store, [...names.filter((n) => SUPERSEDED_MODULES.has(n)), ...names.filter((n) => !SUPERSEDED_MODULES.has(n))]);
    } catch {
      // Enumeration names are a nicety for walk output; a module net-snmp serialised oddly loses them only.
    }
    return new MibStore(qualifiedToOid, oidToName, loaded.map((f) => f.module), skipped, enums);
  }

  /**
   * Numeric OID for `IF-MIB::ifHCInOctets`, `ifHCInOctets`, either with an instance suffix
   * (`ifHCInOctets.5`), or a numeric OID (leading dot allowed). LS_MIB_UNKNOWN_NAME otherwise.
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
      throw new LinkscopeError(
        'LS_MIB_UNKNOWN_NAME',
        `"${name}" is not defined by the loaded MIB modules (${this.modules.join(', ')}); use a numeric OID or add the module to mibs/`,
        { details: { name } },
      );
    }
    return suffix === '' ? base : `${base}.${suffix}`;
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
   * The MIB's name for an INTEGER value of the object at `oid` (an instance OID is fine):
   * `up` for IF-MIB::ifOperStatus.3 = 1. Undefined when the object has no enumeration or not this value.
   */
  enumName(oid: string, value: number): string | undefined {
    let prefix = oid.startsWith('.') ? oid.slice(1) : oid;
    for (;;) {
      const values = this.#enums.get(prefix);
      if (values !== undefined) return values[value];
      const cut = prefix.lastIndexOf('.');
      if (cut <= 0) return undefined;
      prefix = prefix.slice(0, cut);
    }
  }

  /** The whole enumeration of the object at `oid` (no instance): IF-MIB::ifOperStatus → {1: 'up', …}; undefined when it has none. */
  enumeration(oid: string): Readonly<Record<number, string>> | undefined {
    return this.#enums.get(oid.startsWith('.') ? oid.slice(1) : oid);
  }

  /** Every `MODULE::name` the store knows, for tests and the CLI's completion. */
  names(): string[] {
    return [...this.#qualifiedToOid.keys()];
  }
}
