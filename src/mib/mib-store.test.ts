/** Unit tests for the MIB store (names ↔ OIDs from mibs/) and the generated IANAifType table. */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModuleStore } from 'net-snmp';
import { isLinkscopeError } from '../model/errors.js';
import { IANA_IF_TYPES, ifTypeName } from './iana-iftype.js';
import { VENDOR_MIB } from '../../test/helpers/vendor-mib.js';
import { MibStore, defaultMibDir, describeSkipped, loadMibStore, writeMibIndex, type SkippedModule } from './mib-store.js';


let mibs: MibStore;
beforeAll(() => {
  mibs = MibStore.load();
});

describe('MibStore', () => {
  it('loads every module in mibs/, none skipped', () => {
    const files = readdirSync(defaultMibDir()).filter((n) => /\.mib$/.test(n));
    expect(mibs.skipped).toEqual([]);
    expect(mibs.modules).toHaveLength(files.length);
    for (const m of ['IP-MIB', 'HOST-RESOURCES-MIB', 'HOST-RESOURCES-TYPES', 'ENTITY-MIB', 'ENTITY-SENSOR-MIB', 'ENTITY-STATE-MIB', 'ENTITY-STATE-TC-MIB', 'Q-BRIDGE-MIB', 'P-BRIDGE-MIB', 'EtherLike-MIB', 'HCNUM-TC', 'UUID-TC-MIB', 'IP-FORWARD-MIB', 'TCP-MIB', 'UDP-MIB', 'SNMP-USER-BASED-SM-MIB', 'POWER-ETHERNET-MIB', 'IF-MIB', 'LLDP-MIB', 'UCD-SNMP-MIB']) {
      expect(mibs.modules).toContain(m);
    }
  });

  it('round-trips a sample of objects of every shipped module, name to OID and back', () => {
    for (const module of mibs.modules) {
      const names = mibs.names().filter((q) => q.startsWith(`${module}::`));
      if (module.endsWith('-TC') || module === 'SNMPv2-CONF' || module === 'RFC-1212' || module === 'IANA-ADDRESS-FAMILY-NUMBERS-MIB') continue; // conventions only, no OIDs of their own
      expect(names.length, module).toBeGreaterThan(0);
      for (const name of names.filter((_, i) => i % Math.max(1, Math.floor(names.length / 5)) === 0)) {
        const oid = mibs.oidForName(name);
        expect(mibs.oidForName(mibs.nameForOid(oid)), name).toBe(oid);
        expect(mibs.oidForName(mibs.nameForOid(`${oid}.7`)), name).toBe(`${oid}.7`);
      }
    }
    expect(mibs.oidForName('IP-MIB::ipAddressIfIndex')).toBe('1.3.6.1.2.1.4.34.1.3');
    expect(mibs.oidForName('HOST-RESOURCES-MIB::hrStorageUsed')).toBe('1.3.6.1.2.1.25.2.3.1.6');
    expect(mibs.oidForName('ENTITY-SENSOR-MIB::entPhySensorValue')).toBe('1.3.6.1.2.1.99.1.1.1.4');
    expect(mibs.oidForName('Q-BRIDGE-MIB::dot1qVlanStaticName')).toBe('1.3.6.1.2.1.17.7.1.4.3.1.1');
    expect(mibs.oidForName('POWER-ETHERNET-MIB::pethPsePortDetectionStatus')).toBe('1.3.6.1.2.1.105.1.1.1.6');
    expect(mibs.oidForName('HOST-RESOURCES-TYPES::hrStorageRam')).toBe('1.3.6.1.2.1.25.2.1.2');
    expect(mibs.nameForOid('1.3.6.1.2.1.47.1.1.1.1.5.1')).toBe('ENTITY-MIB::entPhysicalClass.1');
    expect(mibs.nameForOid('1.3.6.1.4.1.8072.3.2.10')).toBe('NET-SNMP-TC::linux');
  });

  it('resolves the neighbour tables, LLDP-V2-MIB under its multi-line root 1.3.111.2.802.1.1.13', () => {
    expect(mibs.oidForName('LLDP-MIB::lldpRemSysName')).toBe('1.0.8802.1.1.2.1.4.1.1.9');
    expect(mibs.nameForOid('1.0.8802.1.1.2.1.4.1.1.9.0.8.1')).toBe('LLDP-MIB::lldpRemSysName.0.8.1');
    expect(mibs.oidForName('LLDP-V2-MIB::lldpV2RemSysName')).toBe('1.3.111.2.802.1.1.13.1.4.1.1.10');
    expect(mibs.oidForName('BRIDGE-MIB::dot1dBasePortIfIndex')).toBe('1.3.6.1.2.1.17.1.4.1.2');
  });

  it('skips a broken module and the modules importing it, and loads the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkscope-mibs-'));
    try {
      for (const m of ['SNMPv2-SMI', 'SNMPv2-TC', 'SNMPv2-CONF', 'IF-MIB', 'IANAifType-MIB', 'SNMPv2-MIB']) copyFileSync(join(defaultMibDir(), `${m}.mib`), join(dir, `${m}.mib`));
      writeFileSync(join(dir, 'BROKEN-MIB.mib'), 'BROKEN-MIB DEFINITIONS ::= BEGIN\nIMPORTS mib-2 FROM SNMPv2-SMI;\nbroken OBJECT IDENTIFIER ::= { nosuchparent(9 }\nfoo OBJECT-TYPE SYNTAX\nEND\n');
      writeFileSync(join(dir, 'NOT-A-MIB.txt'), 'hello\n');
      writeFileSync(join(dir, 'USES-BROKEN-MIB.mib'), 'USES-BROKEN-MIB DEFINITIONS ::= BEGIN\nIMPORTS broken FROM BROKEN-MIB;\nchild OBJECT IDENTIFIER ::= { broken 1 }\nEND\n');
      const store = MibStore.load({ dir });
      expect(store.oidForName('IF-MIB::ifDescr')).toBe('1.3.6.1.2.1.2.2.1.2');
      expect(store.skipped.map((s) => s.module)).toContain('NOT-A-MIB.txt');
      expect(store.modules).not.toContain('USES-BROKEN-MIB');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a syntax error with its file and line, skips the module and loads the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkscope-mibs-'));
    try {
      const text = ['BROKEN-LINE-MIB DEFINITIONS ::= BEGIN', 'IMPORTS enterprises FROM SNMPv2-SMI;', 'brokenRoot OBJECT IDENTIFIER ::= { enterprises 99999 }', 'brokenChild OBJECT IDENTIFIER ::= { brokenRoot 1', 'brokenOther OBJECT IDENTIFIER ::= { brokenRoot 2 }', 'END', ''].join('\n');
      writeFileSync(join(dir, 'BROKEN-LINE-MIB.mib'), text);
      writeFileSync(join(dir, 'GOOD-MIB.mib'), VENDOR_MIB);
      const store = MibStore.load({ dirs: [dir] });
      const s = store.skipped.find((x) => x.module === 'BROKEN-LINE-MIB');
      expect(s).toMatchObject({ path: join(dir, 'BROKEN-LINE-MIB.mib'), line: 4 });
      expect(describeSkipped(s as SkippedModule)).toMatch(new RegExp(`BROKEN-LINE-MIB\\.mib:4: MIB module BROKEN-LINE-MIB not loaded: .*opened on line 4 is not closed`));
      expect(store.has('brokenRoot')).toBe(false);
      expect(store.oidForName('EXAMPLE-VENDOR-MIB::exampleTemperature')).toBe('1.3.6.1.4.1.99999.1.1');
      expect(store.oidForName('IF-MIB::ifDescr')).toBe('1.3.6.1.2.1.2.2.1.2');
      expect(store.skipped).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the missing module and the line of its import, and skips the modules importing a skipped one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkscope-mibs-'));
    try {
      writeFileSync(join(dir, 'NEEDS-MISSING-MIB.my'), ['NEEDS-MISSING-MIB DEFINITIONS ::= BEGIN', 'IMPORTS', '  enterprises FROM SNMPv2-SMI', '  fooTC FROM NO-SUCH-MIB;', 'needsRoot OBJECT IDENTIFIER ::= { enterprises 99998 }', 'END', ''].join('\n'));
      writeFileSync(join(dir, 'USES-NEEDS-MIB.txt'), ['USES-NEEDS-MIB DEFINITIONS ::= BEGIN', 'IMPORTS needsRoot FROM NEEDS-MISSING-MIB;', 'child OBJECT IDENTIFIER ::= { needsRoot 1 }', 'END', ''].join('\n'));
      writeFileSync(join(dir, 'NOT-A-MIB.txt'), 'hello\n');
      const store = MibStore.load({ dirs: [dir] });
      expect(store.skipped).toContainEqual({ module: 'NEEDS-MISSING-MIB', path: join(dir, 'NEEDS-MISSING-MIB.my'), line: 4, reason: expect.stringContaining('NO-SUCH-MIB') as unknown });
      expect(store.skipped).toContainEqual({ module: 'USES-NEEDS-MIB', path: join(dir, 'USES-NEEDS-MIB.txt'), line: 2, reason: expect.stringContaining('NEEDS-MISSING-MIB, which did not load') as unknown });
      expect(store.skipped.map((s) => s.module)).toContain('NOT-A-MIB.txt');
      expect(store.modules).toContain('IF-MIB');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('skips a module whose parent OID no module defines, naming its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkscope-mibs-'));
    try {
      writeFileSync(join(dir, 'ORPHAN-MIB.mib'), ['ORPHAN-MIB DEFINITIONS ::= BEGIN', 'IMPORTS enterprises FROM SNMPv2-SMI;', '', 'orphan OBJECT IDENTIFIER ::= { noSuchParent 1 }', 'END', ''].join('\n'));
      const store = MibStore.load({ dirs: [dir] });
      expect(store.skipped).toEqual([expect.objectContaining({ module: 'ORPHAN-MIB', line: 4, reason: expect.stringContaining('noSuchParent') as unknown })]);
      expect(store.has('orphan')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('logs each skipped module once as a warning with file and line for serve, then one info line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkscope-mibs-'));
    try {
      writeFileSync(join(dir, 'NEEDS-MISSING-MIB.mib'), 'NEEDS-MISSING-MIB DEFINITIONS ::= BEGIN\nIMPORTS\n  fooTC FROM NO-SUCH-MIB;\nEND\n');
      const logged: { level: string; obj: object; msg: string }[] = [];
      const store = loadMibStore({ dirs: [dir] }, { warn: (obj, msg) => logged.push({ level: 'warn', obj, msg }), info: (obj, msg) => logged.push({ level: 'info', obj, msg }) });
      expect(store.modules).toContain('IF-MIB');
      expect(logged).toEqual([
        { level: 'warn', obj: { mibModule: 'NEEDS-MISSING-MIB', path: join(dir, 'NEEDS-MISSING-MIB.mib'), line: 3 }, msg: expect.stringMatching(/NEEDS-MISSING-MIB\.mib:3: MIB module NEEDS-MISSING-MIB not loaded: imports from NO-SUCH-MIB/) as unknown },
        { level: 'info', obj: { modules: store.modules.length, skipped: 1, loadMs: expect.any(Number) as unknown, fromIndex: false }, msg: 'MIB modules loaded' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('adds the modules of user folders, which may import each other and the shipped ones', () => {
    const a = mkdtempSync(join(tmpdir(), 'linkscope-mibs-a-'));
    const b = join(a, 'more');
    try {
      mkdirSync(b);
      writeFileSync(join(a, 'EXAMPLE-VENDOR-MIB.mib'), VENDOR_MIB);
      writeFileSync(join(b, 'EXAMPLE-VENDOR-EXT-MIB.mib'), ['EXAMPLE-VENDOR-EXT-MIB DEFINITIONS ::= BEGIN', 'IMPORTS exampleObjects FROM EXAMPLE-VENDOR-MIB;', 'exampleExt OBJECT IDENTIFIER ::= { exampleObjects 9 }', 'END', ''].join('\n'));
      writeFileSync(join(b, 'IF-MIB.mib'), readFileSync(join(defaultMibDir(), 'IF-MIB.mib'), 'utf8'));
      const store = MibStore.load({ dirs: [b, a] });
      expect(store.skipped).toEqual([expect.objectContaining({ module: 'IF-MIB', path: join(b, 'IF-MIB.mib'), reason: expect.stringContaining('already loaded') as unknown })]);
      expect(store.oidForName('EXAMPLE-VENDOR-EXT-MIB::exampleExt')).toBe('1.3.6.1.4.1.99999.1.9');
      expect(store.nameForOid('1.3.6.1.4.1.99999.1.2.0')).toBe('EXAMPLE-VENDOR-MIB::exampleFanState.0');
      expect(store.object('exampleFanState')).toMatchObject({ baseType: 'INTEGER', syntax: 'ExampleState', enumeration: { 1: 'ok', 2: 'failed' } });
      expect(store.enumName('1.3.6.1.4.1.99999.1.2.0', 2)).toBe('failed');
    } finally {
      rmSync(a, { recursive: true, force: true });
    }
  });

  it('resolves qualified, bare, instance and numeric names', () => {
    expect(mibs.oidForName('IF-MIB::ifHCInOctets')).toBe('1.3.6.1.2.1.31.1.1.1.6');
    expect(mibs.oidForName('ifHCInOctets')).toBe('1.3.6.1.2.1.31.1.1.1.6');
    expect(mibs.oidForName('ifHCInOctets.5')).toBe('1.3.6.1.2.1.31.1.1.1.6.5');
    expect(mibs.oidForName('SNMPv2-MIB::sysUpTime.0')).toBe('1.3.6.1.2.1.1.3.0');
    expect(mibs.oidForName('.1.3.6.1.2.1.1.3.0')).toBe('1.3.6.1.2.1.1.3.0');
    expect(mibs.oidForName('ifTableLastChange')).toBe('1.3.6.1.2.1.31.1.5');
  });

  it('names OIDs by the longest known prefix', () => {
    expect(mibs.nameForOid('1.3.6.1.2.1.31.1.1.1.6.5')).toBe('IF-MIB::ifHCInOctets.5');
    expect(mibs.nameForOid('1.3.6.1.2.1.2.2.1.10')).toBe('IF-MIB::ifInOctets');
    expect(mibs.nameForOid('1.3.6.1.2.1.1.3.0')).toBe('SNMPv2-MIB::sysUpTime.0');
    expect(mibs.nameForOid('1.3.6.1.4.1.9.1.1208')).toBe('SNMPv2-SMI::enterprises.9.1.1208');
    expect(mibs.nameForOid('2.99')).toBe('2.99');
  });

  it('rejects an unknown name with LS_MIB_UNKNOWN_NAME', () => {
    try {
      mibs.oidForName('IF-MIB::ifNoSuchThing');
      expect.unreachable();
    } catch (err) {
      expect(isLinkscopeError(err, 'LS_MIB_UNKNOWN_NAME')).toBe(true);
      expect((err as Error).message).toMatch(/ifNoSuchThing/);
    }
    expect(mibs.has('FOO-MIB::ifDescr')).toBe(false);
    expect(mibs.has('ifDescr.x')).toBe(false);
  });

  it('round-trips every name it knows', () => {
    const names = mibs.names();
    expect(names.length).toBeGreaterThan(150);
    for (const name of names) {
      const oid = mibs.oidForName(name);
      const back = mibs.nameForOid(oid);
      // Aliases (two names, one OID) resolve to one of them; the OID must survive either way.
      expect(mibs.oidForName(back)).toBe(oid);
    }
  });

  it('reports a missing folder as LS_MIB_LOAD', () => {
    try {
      MibStore.load({ dir: '/nonexistent/mibs' });
      expect.unreachable();
    } catch (err) {
      expect(isLinkscopeError(err, 'LS_MIB_LOAD')).toBe(true);
    }
  });
});

describe('ifTypeName', () => {
  it('names the common interface types', () => {
    expect(ifTypeName(6)).toBe('ethernetCsmacd');
    expect(ifTypeName(71)).toBe('ieee80211');
    expect(ifTypeName(24)).toBe('softwareLoopback');
    expect(ifTypeName(53)).toBe('propVirtual');
    expect(ifTypeName(131)).toBe('tunnel');
    expect(ifTypeName(161)).toBe('ieee8023adLag');
    expect(ifTypeName(135)).toBe('l2vlan');
    expect(ifTypeName(136)).toBe('l3ipvlan');
    expect(ifTypeName(209)).toBe('bridge');
    expect(ifTypeName(99999)).toBe('99999');
  });

  it('matches IANAifType-MIB as net-snmp parses it (regenerate with npm run fixtures)', () => {
    const store = createModuleStore({ baseModules: [] });
    for (const m of ['SNMPv2-SMI', 'SNMPv2-TC', 'IANAifType-MIB']) store.loadFromFile(join(defaultMibDir(), `${m}.mib`));
    const tc = store.getModule('IANAifType-MIB')?.['IANAifType'] as { SYNTAX: { INTEGER: Record<string, string> } };
    const fromMib = new Map(Object.entries(tc.SYNTAX.INTEGER).map(([n, name]) => [Number(n), name]));
    expect(new Map(IANA_IF_TYPES)).toEqual(fromMib);
    expect(readFileSync(join(defaultMibDir(), 'IANAifType-MIB.mib'), 'utf8')).toContain('IANAifType ::= TEXTUAL-CONVENTION');
  });
});

describe('MibStore.enumName', () => {
  const mibs = MibStore.load();
  it('names enumerated INTEGER values as the MIB does, directly and through textual conventions', () => {
    expect(mibs.enumName('1.3.6.1.2.1.2.2.1.8.3', 1)).toBe('up'); // IF-MIB::ifOperStatus.3
    expect(mibs.enumName('1.3.6.1.2.1.2.2.1.8.3', 7)).toBe('lowerLayerDown');
    expect(mibs.enumName('1.3.6.1.2.1.2.2.1.7.3', 2)).toBe('down'); // IF-MIB::ifAdminStatus.3
    expect(mibs.enumName('1.3.6.1.2.1.2.2.1.3.1', 6)).toBe('ethernetCsmacd'); // IF-MIB::ifType via IANAifType
  });

  it('gives nothing for a value outside the enumeration or an object without one', () => {
    expect(mibs.enumName('1.3.6.1.2.1.2.2.1.7.3', 7)).toBeUndefined(); // ifAdminStatus has only 1-3
    expect(mibs.enumName('1.3.6.1.2.1.2.2.1.4.1', 1500)).toBeUndefined(); // IF-MIB::ifMtu
  });
});

describe('MibStore.object', () => {
  const mibs = MibStore.load();
  it('gives the syntax, base type, display hint, enumeration and indexes an API user needs', () => {
    expect(mibs.object('IF-MIB::ifPhysAddress')).toMatchObject({ name: 'IF-MIB::ifPhysAddress', module: 'IF-MIB', oid: '1.3.6.1.2.1.2.2.1.6', syntax: 'PhysAddress', baseType: 'OCTET STRING', displayHint: '1x:', access: 'read-only' });
    expect(mibs.object('1.3.6.1.2.1.2.2.1.8.3')).toMatchObject({ name: 'IF-MIB::ifOperStatus', baseType: 'INTEGER', enumeration: { 1: 'up', 7: 'lowerLayerDown' } });
    expect(mibs.object('ifHCInOctets')).toMatchObject({ baseType: 'Counter64' });
    expect(mibs.object('IF-MIB::ifXEntry')).toMatchObject({ indexes: ['ifIndex'] });
    expect(mibs.object('HOST-RESOURCES-MIB::hrSystemDate')).toMatchObject({ syntax: 'DateAndTime', displayHint: '2d-1d-1d,1d:1d:1d.1d,1a1d:1d' });
    expect(mibs.enumeration('SNMPv2-MIB::snmpEnableAuthenTraps')).toEqual({ 1: 'enabled', 2: 'disabled' });
    expect(mibs.enumeration('ENTITY-MIB::entPhysicalClass')).toMatchObject({ 3: 'chassis', 10: 'port' }); // IANAPhysicalClass, from IANA-ENTITY-MIB
    expect(mibs.enumeration('ENTITY-MIB::entPhysicalIsFRU')).toEqual({ 1: 'true', 2: 'false' }); // TruthValue
    // UNITS and MAX-ACCESS after a ranged SYNTAX, which net-snmp's parser drops.
    expect(mibs.object('TCP-MIB::tcpRtoMin')).toMatchObject({ baseType: 'INTEGER', units: 'milliseconds', access: 'read-only' });
    expect(mibs.object('HOST-RESOURCES-MIB::hrMemorySize')).toMatchObject({ syntax: 'KBytes', units: 'KBytes' });
    expect(mibs.object('IF-MIB::noSuchThing')).toBeUndefined();
    expect(mibs.object('9.9.9')).toBeUndefined();
  });

  it('names instances with their table indexes decoded as snmpwalk does', () => {
    expect(mibs.formatOid('1.3.6.1.2.1.2.2.1.2.5')).toBe('IF-MIB::ifDescr.5');
    // vacmGroupName: INDEX { vacmSecurityModel, vacmSecurityName } (SnmpAdminString, variable length)
    expect(mibs.formatOid('1.3.6.1.6.3.16.1.2.1.3.1.5.99.111.109.109.49')).toBe('SNMP-VIEW-BASED-ACM-MIB::vacmGroupName.1."comm1"');
    // vacmViewTreeFamilyEntry: INDEX { vacmViewTreeFamilyViewName, vacmViewTreeFamilySubtree } (an OID, printed as numbers)
    expect(mibs.formatOid('1.3.6.1.6.3.16.1.5.2.1.6.5.95.97.108.108.95.1.1')).toBe('SNMP-VIEW-BASED-ACM-MIB::vacmViewTreeFamilyStatus."_all_".1.1');
    // IMPLIED last index: single quotes; an empty context name: ""; an enumerated index by label
    expect(mibs.formatOid('1.3.6.1.6.3.12.1.2.1.2.116.97.114.103.101.116')).toBe("SNMP-TARGET-MIB::snmpTargetAddrTDomain.'target'");
    expect(mibs.formatOid('1.3.6.1.6.3.16.1.4.1.4.8.103.114.112.99.111.109.109.49.0.0.1')).toBe('SNMP-VIEW-BASED-ACM-MIB::vacmAccessContextMatch."grpcomm1"."".0.noAuthNoPriv');
    // InetAddress after its InetAddressType; fixed-size MacAddress in single quotes, unprintable bytes as "."
    expect(mibs.formatOid('1.3.6.1.2.1.4.34.1.3.1.4.127.0.0.1')).toBe('IP-MIB::ipAddressIfIndex.ipv4."127.0.0.1"');
    expect(mibs.formatOid('1.3.6.1.2.1.4.34.1.3.2.16.254.128.0.0.0.0.0.0.0.0.0.0.0.0.0.1')).toBe('IP-MIB::ipAddressIfIndex.ipv6."fe:80:00:00:00:00:00:00:00:00:00:00:00:00:00:01"');
    expect(mibs.formatOid('1.3.6.1.2.1.17.7.1.2.2.1.2.10.0.26.43.60.77.94')).toBe("Q-BRIDGE-MIB::dot1qTpFdbPort.10.'..+<M^'");
    // Not decodable (too short): numbers, as before
    expect(mibs.formatOid('1.3.6.1.6.3.16.1.2.1.3.1.9.99')).toBe('SNMP-VIEW-BASED-ACM-MIB::vacmGroupName.1.9.99');
    expect(mibs.formatOid('1.3.6.1.2.1.1.3.0')).toBe('SNMPv2-MIB::sysUpTime.0');
  });

  it('suggests the nearest known name for a misspelt one', () => {
    expect(mibs.suggest('IF-MIB::ifDesc')).toBe('IF-MIB::ifDescr');
    expect(mibs.suggest('ifOperStats')).toBe('IF-MIB::ifOperStatus');
    expect(() => mibs.oidForName('IF-MIB::ifDesc')).toThrow(/did you mean IF-MIB::ifDescr\?/);
  });
});

describe('the build-time MIB index', () => {
  it('gives the same store as parsing, and is ignored once a module file or a user folder changes the input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkscope-mib-index-'));
    try {
      const mibDir = join(dir, 'mibs');
      mkdirSync(mibDir);
      for (const f of readdirSync(defaultMibDir())) if (f.endsWith('.mib')) copyFileSync(join(defaultMibDir(), f), join(mibDir, f));
      const index = join(dir, 'mibs-index.json');
      const parsed = writeMibIndex(index, mibDir);
      const cached = MibStore.load({ dir: mibDir, index });
      expect(cached.fromIndex).toBe(true);
      expect(parsed.fromIndex).toBe(false);
      expect(cached.modules).toEqual(parsed.modules);
      expect(cached.names()).toEqual(parsed.names());
      for (const name of parsed.names()) {
        const oid = parsed.oidForName(name);
        expect(cached.nameForOid(oid)).toBe(parsed.nameForOid(oid));
        expect(cached.object(oid)).toEqual(parsed.object(oid));
      }
      expect(cached.enumName('1.3.6.1.2.1.2.2.1.8.3', 1)).toBe('up');
      // A user folder needs the parser (its modules import the shipped ones): no index.
      const user = join(dir, 'user');
      mkdirSync(user);
      expect(MibStore.load({ dir: mibDir, index, dirs: [user] }).fromIndex).toBe(false);
      // An edited module changes the fingerprint: the stale index is ignored, the edit is seen.
      writeFileSync(join(mibDir, 'IF-MIB.mib'), readFileSync(join(mibDir, 'IF-MIB.mib'), 'utf8').replace('ifDescr OBJECT-TYPE', 'ifDescrX OBJECT-TYPE'));
      const edited = MibStore.load({ dir: mibDir, index });
      expect(edited.fromIndex).toBe(false);
      expect(edited.has('IF-MIB::ifDescrX')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
