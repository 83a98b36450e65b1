/** OID ↔ name for the MIB modules in mibs/, loaded once at startup through net-snmp's ModuleStore. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createModuleStore } from 'net-snmp';
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
}

function readMibFile(path: string): MibFile {
  const text = readFileSync(path, 'utf8');
  const module = MODULE_NAME.exec(text)?.[1];
  if (module === undefined) throw new LinkscopeError('LS_MIB_LOAD', `${path} has no "<MODULE> DEFINITIONS ::= BEGIN" line; is it a MIB module?`);
  const block = IMPORTS_BLOCK.exec(text)?.[1] ?? '';
  const imports = [...block.matchAll(FROM)].map((m) => m[1] as string);
  return { path, module, imports };
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

export interface MibStoreOptions {
  /** Folder of `.mib`/`.txt`/`.my` modules. Default: the repository's mibs/. */
  readonly dir?: string;
}

/** Resolves names like `IF-MIB::ifHCInOctets`, `ifHCInOctets.5` or numeric OIDs; renders OIDs as `MODULE::name.index`. */
export class MibStore {
  readonly #qualifiedToOid: Map<string, string>;
  readonly #nameToOid: Map<string, string>;
  readonly #oidToName: Map<string, string>;
  readonly modules: readonly string[];

  private constructor(qualifiedToOid: Map<string, string>, oidToName: Map<string, string>, modules: string[]) {
    this.#qualifiedToOid = qualifiedToOid;
    this.#oidToName = oidToName;
    this.modules = modules;
    this.#nameToOid = new Map();
    for (const [qualified, oid] of qualifiedToOid) {
      const name = qualified.slice(qualified.indexOf('::') + 2);
      // First module wins for a bare name; modules are loaded dependency-first, so the defining one.
      if (!this.#nameToOid.has(name)) this.#nameToOid.set(name, oid);
    }
  }

  /** Loads every module in the folder (once, at startup: ~100 ms for the six standard modules). */
  static load(options: MibStoreOptions = {}): MibStore {
    const dir = resolve(options.dir ?? defaultMibDir());
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => /\.(mib|txt|my)$/i.test(n));
    } catch (err) {
      throw new LinkscopeError('LS_MIB_LOAD', `cannot read the MIB folder ${dir}: ${(err as Error).message}`, { cause: err });
    }
    const files = dependencyOrder(names.map((n) => readMibFile(join(dir, n))));
    // No base modules: ours in mibs/ are the only source of truth.
    const store = createModuleStore({ baseModules: [] });
    for (const f of files) {
      try {
        store.loadFromFile(f.path);
      } catch (err) {
        throw new LinkscopeError('LS_MIB_LOAD', `cannot load MIB module ${f.module} from ${f.path}: ${(err as Error).message}`, { cause: err });
      }
    }
    const qualifiedToOid = new Map(Object.entries(store.translations.moduleToOid));
    const oidToName = new Map(Object.entries(store.translations.oidToModule));
    return new MibStore(qualifiedToOid, oidToName, files.map((f) => f.module));
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

  /** Every `MODULE::name` the store knows, for tests and the CLI's completion. */
  names(): string[] {
    return [...this.#qualifiedToOid.keys()];
  }
}
