/** Unit tests for the MIB store (names ↔ OIDs from mibs/) and the generated IANAifType table. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModuleStore } from 'net-snmp';
import { isLinkscopeError } from '../model/errors.js';
import { IANA_IF_TYPES, ifTypeName } from './iana-iftype.js';
import { MibStore, defaultMibDir } from './mib-store.js';

let mibs: MibStore;
beforeAll(() => {
  mibs = MibStore.load();
});

describe('MibStore', () => {
  it('loads the modules in mibs/', () => {
    expect([...mibs.modules].sort()).toEqual([
      'BRIDGE-MIB',
      'IANA-ADDRESS-FAMILY-NUMBERS-MIB',
      'IANAifType-MIB',
      'IEEE8021-TC-MIB',
      'IF-MIB',
      'INET-ADDRESS-MIB',
      'LLDP-MIB',
      'LLDP-V2-MIB',
      'LLDP-V2-TC-MIB',
      'RFC-1212',
      'RFC1155-SMI',
      'RFC1158-MIB',
      'RFC1213-MIB',
      'RFC1271-MIB',
      'RMON-MIB',
      'RMON2-MIB',
      'SNMP-FRAMEWORK-MIB',
      'SNMPv2-CONF',
      'SNMPv2-MIB',
      'SNMPv2-SMI',
      'SNMPv2-TC',
      'TOKEN-RING-RMON-MIB',
    ]);
    expect(mibs.skipped).toEqual([]);
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
