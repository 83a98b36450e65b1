/** Generates test/fixtures/snmprec/*.snmprec (deterministic, seeded) and src/mib/iana-iftype.ts from mibs/. Run: npm run fixtures. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'test/fixtures/snmprec');

// ---------------------------------------------------------------------------------------------
// Deterministic randomness: mulberry32, one seed per file, so regenerating gives identical bytes.

function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (lo, hi) => lo + next() * (hi - lo),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

// ---------------------------------------------------------------------------------------------
// OIDs (each with its MIB name).

const SYS = {
  sysDescr: '1.3.6.1.2.1.1.1.0', // SNMPv2-MIB::sysDescr.0
  sysObjectID: '1.3.6.1.2.1.1.2.0', // SNMPv2-MIB::sysObjectID.0
  sysUpTime: '1.3.6.1.2.1.1.3.0', // SNMPv2-MIB::sysUpTime.0
  sysContact: '1.3.6.1.2.1.1.4.0', // SNMPv2-MIB::sysContact.0
  sysName: '1.3.6.1.2.1.1.5.0', // SNMPv2-MIB::sysName.0
  sysLocation: '1.3.6.1.2.1.1.6.0', // SNMPv2-MIB::sysLocation.0
  sysServices: '1.3.6.1.2.1.1.7.0', // SNMPv2-MIB::sysServices.0
};
const IF_NUMBER = '1.3.6.1.2.1.2.1.0'; // IF-MIB::ifNumber.0
const IF_TABLE_LAST_CHANGE = '1.3.6.1.2.1.31.1.5.0'; // IF-MIB::ifTableLastChange.0
const IF_ENTRY = '1.3.6.1.2.1.2.2.1'; // IF-MIB::ifEntry
const IFX_ENTRY = '1.3.6.1.2.1.31.1.1.1'; // IF-MIB::ifXEntry

// snmprec type tags
const T = { Integer: 2, OctetString: 4, OID: 6, IpAddress: 64, Counter32: 65, Gauge32: 66, TimeTicks: 67, Counter64: 70 };

const TWO32 = 1n << 32n;
const TWO64 = 1n << 64n;
const U32_MAX = 4294967295;

// ---------------------------------------------------------------------------------------------
// Device model: identity + per-interface counters as bigint (64-bit truth; 32-bit = mod 2^32).

const COUNTERS = ['inOctets', 'inUcast', 'inMcast', 'inBcast', 'inDiscards', 'inErrors', 'outOctets', 'outUcast', 'outMcast', 'outBcast', 'outDiscards', 'outErrors'];

function iface(rng, p, uptimeSeconds) {
  const up = (p.admin ?? 1) === 1 && (p.oper ?? 1) === 1;
  const util = up ? { in: p.utilIn ?? rng.between(0.002, 0.35), out: p.utilOut ?? rng.between(0.002, 0.35) } : { in: 0, out: 0 };
  const avgPkt = rng.between(350, 1100);
  const c = {};
  // Counters since boot: a share of the uptime at a lower long-term average than now.
  const secs = uptimeSeconds * rng.between(0.3, 0.9);
  for (const dir of ['in', 'out']) {
    const octets = up || p.everUp ? BigInt(Math.round(((p.speedBps / 8) * secs * (util[dir] || 0.01)) / 3)) : 0n;
    const pkts = octets / BigInt(Math.round(avgPkt));
    c[`${dir}Octets`] = octets;
    c[`${dir}Ucast`] = (pkts * 97n) / 100n;
    c[`${dir}Mcast`] = (pkts * 2n) / 100n;
    c[`${dir}Bcast`] = pkts / 100n;
    c[`${dir}Discards`] = octets > 0n ? BigInt(rng.int(0, 4000)) : 0n;
    c[`${dir}Errors`] = octets > 0n && rng.next() < 0.3 ? BigInt(rng.int(1, 200)) : 0n;
  }
  return {
    ifIndex: p.ifIndex,
    descr: p.descr,
    name: p.name ?? p.descr,
    type: p.type,
    mtu: p.mtu ?? 1500,
    speedBps: p.speedBps,
    mac: p.mac ?? '',
    admin: p.admin ?? 1,
    oper: p.oper ?? 1,
    lastChange: p.lastChange,
    alias: p.alias ?? '',
    discontinuityTime: 0,
    util,
    avgPkt,
    c,
  };
}

/** Moves a device forward: uptime + seconds, counters of up interfaces advanced at their utilisation. */
function advance(dev, seconds, rng) {
  const next = structuredClone(dev);
  next.sys.sysUpTime += seconds * 100;
  for (const i of next.ifaces) {
    if (i.admin !== 1 || i.oper !== 1) continue;
    for (const dir of ['in', 'out']) {
      const u = i.util[dir] * rng.between(0.8, 1.2);
      const octets = BigInt(Math.round((i.speedBps / 8) * seconds * u));
      const pkts = octets / BigInt(Math.round(i.avgPkt));
      add(i.c, `${dir}Octets`, octets);
      add(i.c, `${dir}Ucast`, (pkts * 97n) / 100n);
      add(i.c, `${dir}Mcast`, (pkts * 2n) / 100n);
      add(i.c, `${dir}Bcast`, pkts / 100n);
      if (rng.next() < 0.3) add(i.c, `${dir}Discards`, BigInt(rng.int(1, 40)));
      if (rng.next() < 0.15) add(i.c, `${dir}Errors`, BigInt(rng.int(1, 5)));
    }
  }
  return next;
}

function add(c, key, delta) {
  c[key] = (c[key] + delta) % TWO64;
}

const macOf = (base, n) => {
  const v = (BigInt(`0x${base}`) + BigInt(n)) & 0xffffffffffffn;
  return v.toString(16).padStart(12, '0');
};

// ---------------------------------------------------------------------------------------------
// Rendering to varbinds. `ifx`: 'full' | 'octets' (HC octet columns, no HC packet columns) | 'none'.

function render(dev, { ifx = 'full', stuckHc = new Set() } = {}) {
  const vbs = [];
  const push = (oid, type, value) => vbs.push({ oid, type, value });
  const s = dev.sys;
  push(SYS.sysDescr, T.OctetString, s.sysDescr);
  push(SYS.sysObjectID, T.OID, s.sysObjectID);
  push(SYS.sysUpTime, T.TimeTicks, s.sysUpTime);
  push(SYS.sysContact, T.OctetString, s.sysContact);
  push(SYS.sysName, T.OctetString, s.sysName);
  push(SYS.sysLocation, T.OctetString, s.sysLocation);
  push(SYS.sysServices, T.Integer, s.sysServices);
  push(IF_NUMBER, T.Integer, dev.ifaces.length);
  if (ifx !== 'none') push(IF_TABLE_LAST_CHANGE, T.TimeTicks, Math.max(0, ...dev.ifaces.map((i) => i.lastChange)));

  const c32 = (v) => v % TWO32;
  for (const i of dev.ifaces) {
    const col = (n, type, value) => push(`${IF_ENTRY}.${n}.${i.ifIndex}`, type, value);
    col(1, T.Integer, i.ifIndex); // ifIndex
    col(2, T.OctetString, i.descr); // ifDescr
    col(3, T.Integer, i.type); // ifType
    col(4, T.Integer, i.mtu); // ifMtu
    col(5, T.Gauge32, Math.min(U32_MAX, i.speedBps)); // ifSpeed
    col(6, 'hex', i.mac); // ifPhysAddress
    col(7, T.Integer, i.admin); // ifAdminStatus
    col(8, T.Integer, i.oper); // ifOperStatus
    col(9, T.TimeTicks, i.lastChange); // ifLastChange
    col(10, T.Counter32, c32(i.c.inOctets)); // ifInOctets
    col(11, T.Counter32, c32(i.c.inUcast)); // ifInUcastPkts
    col(13, T.Counter32, c32(i.c.inDiscards)); // ifInDiscards
    col(14, T.Counter32, c32(i.c.inErrors)); // ifInErrors
    col(16, T.Counter32, c32(i.c.outOctets)); // ifOutOctets
    col(17, T.Counter32, c32(i.c.outUcast)); // ifOutUcastPkts
    col(19, T.Counter32, c32(i.c.outDiscards)); // ifOutDiscards
    col(20, T.Counter32, c32(i.c.outErrors)); // ifOutErrors
    if (ifx === 'none') continue;
    const xcol = (n, type, value) => push(`${IFX_ENTRY}.${n}.${i.ifIndex}`, type, value);
    const hc = (v) => (stuckHc.has(i.ifIndex) ? 0n : v);
    xcol(1, T.OctetString, i.name); // ifName
    xcol(2, T.Counter32, c32(i.c.inMcast)); // ifInMulticastPkts
    xcol(3, T.Counter32, c32(i.c.inBcast)); // ifInBroadcastPkts
    xcol(4, T.Counter32, c32(i.c.outMcast)); // ifOutMulticastPkts
    xcol(5, T.Counter32, c32(i.c.outBcast)); // ifOutBroadcastPkts
    xcol(6, T.Counter64, hc(i.c.inOctets)); // ifHCInOctets
    xcol(10, T.Counter64, hc(i.c.outOctets)); // ifHCOutOctets
    if (ifx === 'full') {
      xcol(7, T.Counter64, i.c.inUcast); // ifHCInUcastPkts
      xcol(8, T.Counter64, i.c.inMcast); // ifHCInMulticastPkts
      xcol(9, T.Counter64, i.c.inBcast); // ifHCInBroadcastPkts
      xcol(11, T.Counter64, i.c.outUcast); // ifHCOutUcastPkts
      xcol(12, T.Counter64, i.c.outMcast); // ifHCOutMulticastPkts
      xcol(13, T.Counter64, i.c.outBcast); // ifHCOutBroadcastPkts
    }
    xcol(15, T.Gauge32, Math.round(i.speedBps / 1e6)); // ifHighSpeed
    xcol(18, T.OctetString, i.alias); // ifAlias
    xcol(19, T.TimeTicks, i.discontinuityTime); // ifCounterDiscontinuityTime
  }
  return vbs;
}

// ---------------------------------------------------------------------------------------------
// snmprec writer (same rules as src/snmp/snmprec.ts writeSnmprec; a unit test round-trips the files).

function compareOids(a, b) {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let k = 0; k < Math.min(pa.length, pb.length); k++) {
    const d = Number(pa[k]) - Number(pb[k]);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return pa.length - pb.length;
}

const printable = (s) => /^[\x20-\x7e]*$/.test(s);

function toSnmprec(vbs) {
  const lines = [...vbs].sort((a, b) => compareOids(a.oid, b.oid)).map(({ oid, type, value }) => {
    if (type === 'hex') {
      const text = Buffer.from(value, 'hex').toString('latin1');
      return printable(text) ? `${oid}|4|${text}` : `${oid}|4x|${value}`;
    }
    if (type === T.OctetString) return printable(value) ? `${oid}|4|${value}` : `${oid}|4x|${Buffer.from(value, 'utf8').toString('hex')}`;
    return `${oid}|${type}|${String(value)}`;
  });
  return `${lines.join('\n')}\n`;
}

const files = new Map();
const emit = (name, dev, opts) => files.set(name, toSnmprec(render(dev, opts)));

// ---------------------------------------------------------------------------------------------
// switch-hc: Cisco access switch, 24 × Gi + 2 × Te uplinks + Vlan1 + Null0 + Loopback0.

{
  const rng = prng(0x5c17c4);
  const uptime = 121_345_678; // ticks, ~14 days
  const upSecs = uptime / 100;
  const ifaces = [];
  const adminDown = new Set([20, 21]);
  const operDown = new Set([5, 12, 17, 23]);
  const aliases = { 1: 'AP-2F-01', 2: 'AP-2F-02', 3: 'printer-2F', 7: 'desk 2.14', 8: 'desk 2.15', 15: 'camera lobby', 24: 'spare' };
  ifaces.push(iface(rng, { ifIndex: 1, descr: 'Vlan1', type: 53, speedBps: 1e9, mac: '001b54c20040', lastChange: 4_210, alias: 'mgmt' }, upSecs));
  for (let p = 1; p <= 24; p++) {
    const admin = adminDown.has(p) ? 2 : 1;
    const oper = admin === 2 || operDown.has(p) ? 2 : 1;
    ifaces.push(iface(rng, {
      ifIndex: 10100 + p,
      descr: `GigabitEthernet1/0/${p}`,
      name: `Gi1/0/${p}`,
      type: 6, // IANAifType ethernetCsmacd
      speedBps: 1e9,
      mac: macOf('001b54c20100', p),
      admin,
      oper,
      everUp: oper === 2 && admin === 1,
      lastChange: rng.int(3_000, uptime - 100_000),
      alias: aliases[p] ?? '',
    }, upSecs));
  }
  for (let p = 1; p <= 2; p++) {
    ifaces.push(iface(rng, {
      ifIndex: 10200 + p,
      descr: `TenGigabitEthernet1/0/${p}`,
      name: `Te1/0/${p}`,
      type: 6,
      speedBps: 1e10,
      mac: macOf('001b54c20200', p),
      lastChange: 3_950 + p,
      alias: p === 1 ? 'uplink core-sw1 Te1/1/1' : 'uplink core-sw2 Te1/1/1',
      utilIn: 0.18,
      utilOut: 0.05 * p,
    }, upSecs));
  }
  ifaces.push(iface(rng, { ifIndex: 14501, descr: 'Null0', type: 1, speedBps: 1e10, admin: 1, oper: 1, lastChange: 0, utilIn: 0, utilOut: 0 }, upSecs));
  ifaces.push(iface(rng, { ifIndex: 14502, descr: 'Loopback0', name: 'Lo0', type: 24, mtu: 1514, speedBps: 8e9, lastChange: 3_300, alias: 'router-id', utilIn: 0, utilOut: 0 }, upSecs));
  // The edge cases the counter maths must survive.
  const te1 = ifaces.find((i) => i.ifIndex === 10201);
  te1.c.inOctets = (1n << 63n) + 123_456_789_012n; // ifHCInOctets ≥ 2^63 (signed-int64 trap)
  const te2 = ifaces.find((i) => i.ifIndex === 10202);
  te2.c.outOctets = TWO64 - 1000n; // ifHCOutOctets = 2^64−1 − 999: wraps in the later file
  const dev = {
    sys: {
      sysDescr: 'Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E8, RELEASE SOFTWARE (fc1)',
      sysObjectID: '1.3.6.1.4.1.9.1.1208', // enterprises.cisco.ciscoProducts.1208 (Catalyst 2960-X)
      sysUpTime: uptime,
      sysContact: 'noc@example.net',
      sysName: 'acc-sw-2f.example.net',
      sysLocation: 'HQ floor 2, rack B3',
      sysServices: 2, // layer 2 only
    },
    ifaces,
  };
  emit('switch-hc.snmprec', dev);
  const later = advance(dev, 60, prng(0x5c17c5));
  emit('switch-hc-later.snmprec', later);
}

// ---------------------------------------------------------------------------------------------
// router-32: old router with ifTable only (no ifXTable at all), 32-bit counters; one wraps.

{
  const rng = prng(0x7032);
  const uptime = 45_678_901;
  const upSecs = uptime / 100;
  const ifaces = [
    iface(rng, { ifIndex: 1, descr: 'FastEthernet0/0', type: 6, speedBps: 1e8, mac: '0019aa3c0a10', lastChange: 2_900, utilIn: 0.4, utilOut: 0.25 }, upSecs),
    iface(rng, { ifIndex: 2, descr: 'FastEthernet0/1', type: 6, speedBps: 1e8, mac: '0019aa3c0a11', lastChange: 2_950 }, upSecs),
    iface(rng, { ifIndex: 3, descr: 'Serial0/0/0', type: 22, mtu: 1500, speedBps: 1_544_000, lastChange: 3_100 }, upSecs), // propPointToPointSerial
    iface(rng, { ifIndex: 4, descr: 'Serial0/0/1', type: 22, speedBps: 1_544_000, admin: 2, oper: 2, lastChange: 3_120 }, upSecs),
    iface(rng, { ifIndex: 5, descr: 'Null0', type: 1, speedBps: 4_294_967_295, lastChange: 0, utilIn: 0, utilOut: 0 }, upSecs),
    iface(rng, { ifIndex: 6, descr: 'Loopback0', type: 24, mtu: 1514, speedBps: 8e9, lastChange: 2_700, utilIn: 0, utilOut: 0 }, upSecs),
  ];
  // ifInOctets.1 just below 2^32: 100 Mbit/s at ~40% for 60 s (~300 MB) wraps it in the later file.
  ifaces[0].c.inOctets = 50n * TWO32 + (TWO32 - 5_000_000n);
  const dev = {
    sys: {
      sysDescr: 'Cisco IOS Software, 1841 Software (C1841-ADVIPSERVICESK9-M), Version 12.4(15)T17, RELEASE SOFTWARE (fc1)',
      sysObjectID: '1.3.6.1.4.1.9.1.620', // enterprises.cisco.ciscoProducts.cisco1841
      sysUpTime: uptime,
      sysContact: 'noc@example.net',
      sysName: 'br-rtr-07',
      sysLocation: 'Branch 7, comms cupboard',
      sysServices: 78, // layers 2, 3, 4, 7: the layer-3 bit marks a router
    },
    ifaces,
  };
  emit('router-32.snmprec', dev, { ifx: 'none' });
  emit('router-32-later.snmprec', advance(dev, 60, prng(0x7033)), { ifx: 'none' });
}

// ---------------------------------------------------------------------------------------------
// reboot-before / reboot-after: Juniper EX; after the reboot sysUpTime is small and counters restart.

{
  const rng = prng(0xb007);
  const uptime = 987_654_321;
  const upSecs = uptime / 100;
  const ifaces = [];
  for (let p = 0; p < 8; p++) {
    ifaces.push(iface(rng, {
      ifIndex: 514 + p,
      descr: `ge-0/0/${p}`,
      type: 6,
      speedBps: 1e9,
      mac: macOf('f4a7390c1a00', p),
      oper: p === 6 ? 2 : 1,
      lastChange: rng.int(5_000, 90_000),
      alias: p === 0 ? 'uplink' : '',
    }, upSecs));
  }
  ifaces.push(iface(rng, { ifIndex: 16, descr: 'lo0', type: 24, mtu: 65535, speedBps: 0, lastChange: 0, utilIn: 0, utilOut: 0 }, upSecs));
  ifaces.push(iface(rng, { ifIndex: 33, descr: 'me0', type: 6, speedBps: 1e9, mac: 'f4a7390c1aff', lastChange: 3_400, utilIn: 0.0005, utilOut: 0.0005 }, upSecs));
  const sys = {
    sysDescr: 'Juniper Networks, Inc. ex2300-24t Ethernet Switch, kernel JUNOS 21.4R3-S4.9, Build date: 2023-06-22',
    sysObjectID: '1.3.6.1.4.1.2636.1.1.1.2.132', // enterprises.juniperMIB.jnxProducts.jnxProductLineEX2300
    sysUpTime: uptime,
    sysContact: 'noc@example.net',
    sysName: 'ex-dc1-a',
    sysLocation: 'DC1 row 4',
    sysServices: 6,
  };
  const before = { sys, ifaces };
  emit('reboot-before.snmprec', before);
  // After the reboot: 15 s up; every counter restarted near zero.
  const after = structuredClone(before);
  after.sys.sysUpTime = 1_500;
  const r2 = prng(0xb008);
  for (const i of after.ifaces) {
    i.lastChange = Math.min(i.lastChange, r2.int(300, 1_200));
    for (const k of COUNTERS) i.c[k] = i.admin === 1 && i.oper === 1 && i.util.in > 0 ? BigInt(r2.int(0, k.endsWith('Octets') ? 900_000 : 900)) : 0n;
  }
  emit('reboot-after.snmprec', after);
}

// ---------------------------------------------------------------------------------------------
// hc-partial: Aruba/HP; ifXTable has HC octets but no HC packet columns; ifIndex 3's HC octets stay 0.

{
  const rng = prng(0xa7ba);
  const uptime = 333_444_555;
  const upSecs = uptime / 100;
  const ifaces = [];
  for (let p = 1; p <= 8; p++) {
    ifaces.push(iface(rng, { ifIndex: p, descr: `${p}`, name: `${p}`, type: 6, speedBps: 1e9, mac: macOf('94f128a31c00', p), oper: p === 8 ? 2 : 1, lastChange: rng.int(2_000, 50_000), alias: p === 3 ? 'stuck HC counters' : '' }, upSecs));
  }
  ifaces.push(iface(rng, { ifIndex: 4097, descr: 'DEFAULT_VLAN', name: 'DEFAULT_VLAN', type: 53, speedBps: 0, lastChange: 0, utilIn: 0, utilOut: 0 }, upSecs));
  const dev = {
    sys: {
      sysDescr: 'Aruba JL258A 2930F-8G-PoE+-2SFP+ Switch, revision WC.16.10.0012, ROM WC.16.01.0008 (/ws/swbuildm/rel_ukiah_qaoff/code/build/bom(swbuildm_rel_ukiah_qaoff_rel_ukiah))',
      sysObjectID: '1.3.6.1.4.1.11.2.3.7.11.181', // enterprises.hp.nm.system.netElement.hpEtherSwitch... (Aruba 2930F)
      sysUpTime: uptime,
      sysContact: 'noc@example.net',
      sysName: 'aruba-2930f-lab',
      sysLocation: 'Lab bench 2',
      sysServices: 74,
    },
    ifaces,
  };
  const stuckHc = new Set([3]);
  emit('hc-partial.snmprec', dev, { ifx: 'octets', stuckHc });
  emit('hc-partial-later.snmprec', advance(dev, 60, prng(0xa7bb)), { ifx: 'octets', stuckHc });
}

// ---------------------------------------------------------------------------------------------
// ifindex-swap: Ubiquiti; in the later file ifIndex 3 names another port with larger counters.

{
  const rng = prng(0x5a4b);
  const uptime = 77_000_000;
  const upSecs = uptime / 100;
  const ifaces = [];
  for (let p = 1; p <= 6; p++) {
    ifaces.push(iface(rng, { ifIndex: p, descr: `eth${p - 1}`, name: `eth${p - 1}`, type: 6, speedBps: 1e9, mac: macOf('788a20b14c00', p), lastChange: rng.int(1_000, 20_000), alias: p === 3 ? 'office AP' : '' }, upSecs));
  }
  const dev = {
    sys: {
      sysDescr: 'UniFi USW-Lite-8-PoE, 6.6.61.15220, Linux 3.6.5',
      sysObjectID: '1.3.6.1.4.1.41112.1.6', // enterprises.ubnt (Ubiquiti) UniFi switch
      sysUpTime: uptime,
      sysContact: 'noc@example.net',
      sysName: 'usw-office',
      sysLocation: 'Office',
      sysServices: 2,
    },
    ifaces,
  };
  emit('ifindex-swap.snmprec', dev);
  const later = advance(dev, 60, prng(0x5a4c));
  // The agent renumbered: ifIndex 3 is now a different, busier port (eth7, new MAC), and its
  // counters are that port's, far above eth2's. A poller keyed on ifIndex alone writes a spike.
  const i3 = later.ifaces.find((i) => i.ifIndex === 3);
  i3.descr = 'eth7';
  i3.name = 'eth7';
  i3.mac = macOf('788a20b14c00', 8);
  i3.alias = '';
  i3.lastChange = later.sys.sysUpTime - 2_500;
  for (const k of COUNTERS) if (/Octets|Ucast|Mcast|Bcast/.test(k)) i3.c[k] = i3.c[k] * 7n + 1_000_000_000n;
  emit('ifindex-swap-later.snmprec', later);
}

// ---------------------------------------------------------------------------------------------
// discontinuity: MikroTik; ifCounterDiscontinuityTime of ifIndex 2 changes (its counters were reset).

{
  const rng = prng(0xd15c);
  const uptime = 55_500_000;
  const upSecs = uptime / 100;
  const ifaces = [];
  for (let p = 1; p <= 5; p++) {
    ifaces.push(iface(rng, { ifIndex: p, descr: `ether${p}`, name: `ether${p}`, type: 6, speedBps: 1e9, mac: macOf('4c5e0c7d2200', p), lastChange: rng.int(1_000, 9_000), alias: p === 1 ? 'WAN' : '' }, upSecs));
  }
  ifaces.push(iface(rng, { ifIndex: 6, descr: 'bridge', name: 'bridge', type: 209, speedBps: 0, mac: macOf('4c5e0c7d2200', 1), lastChange: 900, utilIn: 0, utilOut: 0 }, upSecs)); // IANAifType bridge
  const dev = {
    sys: {
      sysDescr: 'RouterOS RB4011iGS+',
      sysObjectID: '1.3.6.1.4.1.14988.1', // enterprises.mikrotik.mikrotikExperimentalModule (RouterOS)
      sysUpTime: uptime,
      sysContact: 'noc@example.net',
      sysName: 'mt-edge-1',
      sysLocation: 'Edge rack',
      sysServices: 78,
    },
    ifaces,
  };
  emit('discontinuity.snmprec', dev);
  const later = advance(dev, 60, prng(0xd15d));
  const i2 = later.ifaces.find((i) => i.ifIndex === 2);
  i2.discontinuityTime = later.sys.sysUpTime - 2_000; // 20 s ago: counters of ether2 were cleared
  for (const k of COUNTERS) i2.c[k] = i2.c[k] / 100_000n;
  emit('discontinuity-later.snmprec', later);
}

// ---------------------------------------------------------------------------------------------
// nbr-*: a small network whose LLDP/CDP tables point at each other (topology tests). Links:
//   nbr-core Te1/1/1 (ifIndex 1)  <-> nbr-access Gi1/0/25 (ifIndex 10125)  LLDP both ends
//   nbr-core Te1/1/2 (ifIndex 2)  <-> nbr-edge Gi0/0/1 (ifIndex 2)         CDP both ends
//   nbr-core Te1/1/3 (ifIndex 3)  <-> nbr-dist Gi0/26 (ifIndex 1026)      LLDP both ends
// How each end names its local port: nbr-core lldpRemLocalPortNum = ifIndex; nbr-access a
// dot1dBasePort (25 -> ifIndex 10125 via BRIDGE-MIB); nbr-dist a private number whose
// lldpLocPortId is a MAC all its ports share, so only lldpLocPortDesc matches (ifDescr); nbr-edge
// CDP only. nbr-core sees nbr-dist's management address as IPv6 only (2001:db8:100::3).

const LLDP_LOC = '1.0.8802.1.1.2.1.3'; // LLDP-MIB::lldpLocalSystemData
const LLDP_LOC_PORT = '1.0.8802.1.1.2.1.3.7.1'; // LLDP-MIB::lldpLocPortEntry
const LLDP_REM = '1.0.8802.1.1.2.1.4.1.1'; // LLDP-MIB::lldpRemEntry
const LLDP_MAN = '1.0.8802.1.1.2.1.4.2.1'; // LLDP-MIB::lldpRemManAddrEntry
const BASE_PORT_IFINDEX = '1.3.6.1.2.1.17.1.4.1.2'; // BRIDGE-MIB::dot1dBasePortIfIndex
const CDP_CACHE = '1.3.6.1.4.1.9.9.23.1.2.1.1'; // CISCO-CDP-MIB::cdpCacheEntry
const hexOf = (text) => Buffer.from(text, 'utf8').toString('hex');

function lldpLocal(chassisSubtype, chassisHex, ports) {
  const out = [
    { oid: `${LLDP_LOC}.1.0`, type: T.Integer, value: chassisSubtype }, // lldpLocChassisIdSubtype
    { oid: `${LLDP_LOC}.2.0`, type: 'hex', value: chassisHex }, // lldpLocChassisId
  ];
  for (const p of ports) {
    out.push({ oid: `${LLDP_LOC_PORT}.2.${p.num}`, type: T.Integer, value: p.subtype }); // lldpLocPortIdSubtype
    out.push({ oid: `${LLDP_LOC_PORT}.3.${p.num}`, type: 'hex', value: p.idHex }); // lldpLocPortId
    out.push({ oid: `${LLDP_LOC_PORT}.4.${p.num}`, type: T.OctetString, value: p.desc }); // lldpLocPortDesc
  }
  return out;
}

function lldpRemote(timeMark, rows) {
  const out = [];
  for (const r of rows) {
    const i = `${timeMark}.${r.localPortNum}.${r.remIndex}`;
    out.push({ oid: `${LLDP_REM}.4.${i}`, type: T.Integer, value: r.chassisSubtype }); // lldpRemChassisIdSubtype
    out.push({ oid: `${LLDP_REM}.5.${i}`, type: 'hex', value: r.chassisHex }); // lldpRemChassisId
    out.push({ oid: `${LLDP_REM}.6.${i}`, type: T.Integer, value: r.portSubtype }); // lldpRemPortIdSubtype
    out.push({ oid: `${LLDP_REM}.7.${i}`, type: 'hex', value: r.portHex }); // lldpRemPortId
    out.push({ oid: `${LLDP_REM}.8.${i}`, type: T.OctetString, value: r.portDesc }); // lldpRemPortDesc
    out.push({ oid: `${LLDP_REM}.9.${i}`, type: T.OctetString, value: r.sysName }); // lldpRemSysName
    out.push({ oid: `${LLDP_REM}.10.${i}`, type: T.OctetString, value: r.sysDesc }); // lldpRemSysDesc
    out.push({ oid: `${LLDP_REM}.11.${i}`, type: 'hex', value: '2800' }); // lldpRemSysCapSupported: bridge, router
    out.push({ oid: `${LLDP_REM}.12.${i}`, type: 'hex', value: r.capHex }); // lldpRemSysCapEnabled
    for (const a of r.addresses ?? []) {
      // lldpRemManAddrIfSubtype.<row>.<IANA family>.<length>.<octets>: the address is in the index.
      const octets = [...Buffer.from(a.hex, 'hex')];
      out.push({ oid: `${LLDP_MAN}.3.${i}.${a.family}.${octets.length}.${octets.join('.')}`, type: T.Integer, value: 2 }); // ifIndex(2)
    }
  }
  return out;
}

function nbrDevice(seed, sys, ports) {
  const rng = prng(seed);
  const uptime = 50_000_000;
  return { sys: { sysUpTime: uptime, sysContact: 'noc@example.net', sysLocation: 'Lab', ...sys }, ifaces: ports.map((p) => iface(rng, { type: 6, speedBps: 1e9, lastChange: 4_000, alias: '', ...p }, uptime / 100)) };
}

{
  // nbr-core: Cisco Catalyst 9300, LLDP (lldpRemLocalPortNum = ifIndex) and CDP.
  const dev = nbrDevice(0x4e0c, { sysDescr: 'Cisco IOS XE Software, Catalyst 9300', sysObjectID: '1.3.6.1.4.1.9.1.2494', sysName: 'nbr-core', sysServices: 6 }, [
    { ifIndex: 1, descr: 'TenGigabitEthernet1/1/1', name: 'Te1/1/1', speedBps: 1e10, mac: '001b54000101', alias: 'to nbr-access' },
    { ifIndex: 2, descr: 'TenGigabitEthernet1/1/2', name: 'Te1/1/2', speedBps: 1e10, mac: '001b54000102', alias: 'to nbr-edge' },
    { ifIndex: 3, descr: 'TenGigabitEthernet1/1/3', name: 'Te1/1/3', speedBps: 1e10, mac: '001b54000103', alias: 'to nbr-dist' },
    { ifIndex: 50, descr: 'Vlan1', name: 'Vl1', type: 53, mac: '001b54000100' },
  ]);
  const extra = [
    ...lldpLocal(4, '001b54000100', [1, 2, 3].map((n) => ({ num: n, subtype: 5, idHex: hexOf(`Te1/1/${n}`), desc: `TenGigabitEthernet1/1/${n}` }))),
    ...lldpRemote(18_000, [
      // nbr-access: chassis MAC, port ID by MAC (its Gi1/0/25), management address IPv4.
      { localPortNum: 1, remIndex: 4, chassisSubtype: 4, chassisHex: '001b54001000', portSubtype: 3, portHex: '001b54001019', portDesc: 'GigabitEthernet1/0/25', sysName: 'nbr-access', sysDesc: 'Cisco IOS Software, C2960X', capHex: '2000', addresses: [{ family: 1, hex: '0a000002' }] },
      // nbr-dist: chassis as a network address (IPv4 10.0.0.3), port ID local "26", management address IPv6 only.
      { localPortNum: 3, remIndex: 7, chassisSubtype: 5, chassisHex: '010a000003', portSubtype: 7, portHex: hexOf('26'), portDesc: 'GigabitEthernet0/26', sysName: 'nbr-dist', sysDesc: 'Aruba 2930F', capHex: '2000', addresses: [{ family: 2, hex: '20010db8010000000000000000000003' }] },
    ]),
    // CDP: nbr-edge on Te1/1/2 (cdpCacheIfIndex 2, cdpCacheDeviceIndex 1).
    { oid: `${CDP_CACHE}.3.2.1`, type: T.Integer, value: 1 }, // cdpCacheAddressType ip(1)
    { oid: `${CDP_CACHE}.4.2.1`, type: 'hex', value: '0a000004' }, // cdpCacheAddress 10.0.0.4
    { oid: `${CDP_CACHE}.5.2.1`, type: T.OctetString, value: 'Cisco IOS XE Software, Version 17.9.4' }, // cdpCacheVersion
    { oid: `${CDP_CACHE}.6.2.1`, type: T.OctetString, value: 'nbr-edge' }, // cdpCacheDeviceId
    { oid: `${CDP_CACHE}.7.2.1`, type: T.OctetString, value: 'GigabitEthernet0/0/1' }, // cdpCacheDevicePort
    { oid: `${CDP_CACHE}.8.2.1`, type: T.OctetString, value: 'cisco ISR4331/K9' }, // cdpCachePlatform
    { oid: `${CDP_CACHE}.9.2.1`, type: 'hex', value: '00000001' }, // cdpCacheCapabilities: router
    { oid: `${CDP_CACHE}.11.2.1`, type: T.Integer, value: 1 }, // cdpCacheNativeVLAN
    { oid: `${CDP_CACHE}.12.2.1`, type: T.Integer, value: 3 }, // cdpCacheDuplex fullduplex(3)
  ];
  files.set('nbr-core.snmprec', toSnmprec([...render(dev), ...extra]));
}

{
  // nbr-access: Cisco 2960-X; lldpRemLocalPortNum is the dot1dBasePort (25), ifIndex 10125, and
  // ifIndex 25 exists but is another port (Gi1/0/... numbering collides on purpose).
  const ports = [{ ifIndex: 1, descr: 'Vlan1', name: 'Vl1', type: 53, mac: '001b54001000' }];
  for (let p = 24; p <= 26; p++) ports.push({ ifIndex: 10100 + p, descr: `GigabitEthernet1/0/${p}`, name: `Gi1/0/${p}`, mac: macOf('001b54001000', p) });
  ports.push({ ifIndex: 25, descr: 'Port-channel25', name: 'Po25', type: 161, mac: '001b54001099' });
  const dev = nbrDevice(0x4e0a, { sysDescr: 'Cisco IOS Software, C2960X Software', sysObjectID: '1.3.6.1.4.1.9.1.1208', sysName: 'nbr-access', sysServices: 2 }, ports);
  const extra = [
    // lldpLocPortId "25" (local): names nothing in IF-MIB, so the bridge port decides.
    ...lldpLocal(4, '001b54001000', [24, 25, 26].map((n) => ({ num: n, subtype: 7, idHex: hexOf(String(n)), desc: '' }))),
    ...[24, 25, 26].map((n) => ({ oid: `${BASE_PORT_IFINDEX}.${n}`, type: T.Integer, value: 10100 + n })),
    ...lldpRemote(0, [{ localPortNum: 25, remIndex: 1, chassisSubtype: 4, chassisHex: '001b54000100', portSubtype: 5, portHex: hexOf('Te1/1/1'), portDesc: 'TenGigabitEthernet1/1/1', sysName: 'nbr-core', sysDesc: 'Cisco IOS XE Software, Catalyst 9300', capHex: '2800', addresses: [{ family: 1, hex: '0a000001' }] }]),
  ];
  files.set('nbr-access.snmprec', toSnmprec([...render(dev), ...extra]));
}

{
  // nbr-dist: Aruba 2930F; lldpRemLocalPortNum 26 is no ifIndex and there is no BRIDGE-MIB;
  // lldpLocPortId is the switch MAC on every port; only lldpLocPortDesc = ifDescr matches.
  const ports = [25, 26].map((p) => ({ ifIndex: 1000 + p, descr: `GigabitEthernet0/${p}`, name: `Gi0/${p}`, mac: '001b54003000' }));
  const dev = nbrDevice(0x4e0d, { sysDescr: 'Aruba JL256A 2930F-48G-PoE+-4SFP+ Switch', sysObjectID: '1.3.6.1.4.1.11.2.3.7.11.181.13', sysName: 'nbr-dist', sysServices: 2 }, ports);
  const extra = [
    ...lldpLocal(5, '010a000003', [25, 26].map((n) => ({ num: n, subtype: 3, idHex: '001b54003000', desc: `GigabitEthernet0/${n}` }))),
    ...lldpRemote(311, [{ localPortNum: 26, remIndex: 2, chassisSubtype: 4, chassisHex: '001b54000100', portSubtype: 5, portHex: hexOf('Te1/1/3'), portDesc: 'TenGigabitEthernet1/1/3', sysName: 'nbr-core', sysDesc: 'Cisco IOS XE Software, Catalyst 9300', capHex: '2800', addresses: [{ family: 1, hex: '0a000001' }] }]),
  ];
  files.set('nbr-dist.snmprec', toSnmprec([...render(dev), ...extra]));
}

{
  // nbr-edge: Cisco ISR router, CDP only (no LLDP-MIB at all).
  const dev = nbrDevice(0x4e0e, { sysDescr: 'Cisco IOS XE Software, ISR4331', sysObjectID: '1.3.6.1.4.1.9.1.1861', sysName: 'nbr-edge', sysServices: 78 }, [
    { ifIndex: 1, descr: 'GigabitEthernet0/0/0', name: 'Gi0/0/0', mac: '001b54004001' },
    { ifIndex: 2, descr: 'GigabitEthernet0/0/1', name: 'Gi0/0/1', mac: '001b54004002' },
  ]);
  const extra = [
    { oid: `${CDP_CACHE}.3.2.5`, type: T.Integer, value: 1 }, // cdpCacheAddressType ip(1)
    { oid: `${CDP_CACHE}.4.2.5`, type: 'hex', value: '0a000001' }, // cdpCacheAddress 10.0.0.1
    { oid: `${CDP_CACHE}.5.2.5`, type: T.OctetString, value: 'Cisco IOS XE Software, Version 17.12.1' }, // cdpCacheVersion
    { oid: `${CDP_CACHE}.6.2.5`, type: T.OctetString, value: 'nbr-core' }, // cdpCacheDeviceId
    { oid: `${CDP_CACHE}.7.2.5`, type: T.OctetString, value: 'TenGigabitEthernet1/1/2' }, // cdpCacheDevicePort
    { oid: `${CDP_CACHE}.8.2.5`, type: T.OctetString, value: 'cisco C9300-48P' }, // cdpCachePlatform
    { oid: `${CDP_CACHE}.9.2.5`, type: 'hex', value: '00000029' }, // cdpCacheCapabilities: router, switch, IGMP
    { oid: `${CDP_CACHE}.11.2.5`, type: T.Integer, value: 1 }, // cdpCacheNativeVLAN
    { oid: `${CDP_CACHE}.12.2.5`, type: T.Integer, value: 3 }, // cdpCacheDuplex fullduplex(3)
  ];
  files.set('nbr-edge.snmprec', toSnmprec([...render(dev), ...extra]));
}

// crawl-*: two switches for the neighbour crawl test (topology.discover). Each advertises the
// other by LLDP with a loopback management address: crawl-seed sees crawl-peer at 127.0.0.3,
// crawl-peer sees crawl-seed at 127.0.0.2. The test serves each from its own snmpsimd on that
// address under the same community, so the peer answers the seed's credentials.
//   crawl-seed Gi1/0/1 (ifIndex 1) <-> crawl-peer Gi1/0/48 (ifIndex 48)  LLDP both ends
{
  const seed = nbrDevice(0xc5a1, { sysDescr: 'Cisco IOS Software, C2960X Software', sysObjectID: '1.3.6.1.4.1.9.1.1208', sysName: 'crawl-seed', sysServices: 2 }, [
    { ifIndex: 1, descr: 'GigabitEthernet1/0/1', name: 'Gi1/0/1', mac: '001b5400c101' },
    { ifIndex: 2, descr: 'GigabitEthernet1/0/2', name: 'Gi1/0/2', mac: '001b5400c102' },
  ]);
  files.set('crawl-seed.snmprec', toSnmprec([
    ...render(seed),
    ...lldpLocal(4, '001b5400c100', [1, 2].map((n) => ({ num: n, subtype: 5, idHex: hexOf(`Gi1/0/${n}`), desc: `GigabitEthernet1/0/${n}` }))),
    ...lldpRemote(100, [{ localPortNum: 1, remIndex: 1, chassisSubtype: 4, chassisHex: '001b5400c200', portSubtype: 5, portHex: hexOf('Gi1/0/48'), portDesc: 'GigabitEthernet1/0/48', sysName: 'crawl-peer', sysDesc: 'Cisco IOS Software, C2960X Software', capHex: '2000', addresses: [{ family: 1, hex: '7f000003' }] }]),
  ]));
  const peer = nbrDevice(0xc5a2, { sysDescr: 'Cisco IOS Software, C2960X Software', sysObjectID: '1.3.6.1.4.1.9.1.1208', sysName: 'crawl-peer', sysServices: 2 }, [
    { ifIndex: 47, descr: 'GigabitEthernet1/0/47', name: 'Gi1/0/47', mac: '001b5400c247' },
    { ifIndex: 48, descr: 'GigabitEthernet1/0/48', name: 'Gi1/0/48', mac: '001b5400c248' },
  ]);
  files.set('crawl-peer.snmprec', toSnmprec([
    ...render(peer),
    ...lldpLocal(4, '001b5400c200', [47, 48].map((n) => ({ num: n, subtype: 5, idHex: hexOf(`Gi1/0/${n}`), desc: `GigabitEthernet1/0/${n}` }))),
    ...lldpRemote(100, [{ localPortNum: 48, remIndex: 1, chassisSubtype: 4, chassisHex: '001b5400c100', portSubtype: 5, portHex: hexOf('Gi1/0/1'), portDesc: 'GigabitEthernet1/0/1', sysName: 'crawl-seed', sysDesc: 'Cisco IOS Software, C2960X Software', capHex: '2000', addresses: [{ family: 1, hex: '7f000002' }] }]),
  ]));
}

// ---------------------------------------------------------------------------------------------
// Wireless: a controller with several APs, a lone AP and a point-to-point link, each from its
// vendor MIB (netdisco-mibs: cisco/AIRESPACE-WIRELESS-MIB.my, ubnt/UBNT-UniFi-MIB.txt,
// ubnt/UBNT-AirFIBER-MIB.txt) with the MIB's own index layout, so profiles written from the
// same MIBs read them.

const BSN_AP = '1.3.6.1.4.1.14179.2.2.1.1'; // AIRESPACE-WIRELESS-MIB::bsnAPEntry, INDEX { bsnAPDot3MacAddress }
const BSN_AP_IF = '1.3.6.1.4.1.14179.2.2.2.1'; // AIRESPACE-WIRELESS-MIB::bsnAPIfEntry, INDEX { bsnAPDot3MacAddress, bsnAPIfSlotId }
const BSN_AP_IF_LOAD = '1.3.6.1.4.1.14179.2.2.13.1'; // AIRESPACE-WIRELESS-MIB::bsnAPIfLoadParametersEntry, INDEX { bsnAPDot3MacAddress, bsnAPIfSlotId }
const BSN_AP_IF_NOISE = '1.3.6.1.4.1.14179.2.2.15.1'; // AIRESPACE-WIRELESS-MIB::bsnAPIfChannelNoiseInfoEntry, INDEX { bsnAPDot3MacAddress, bsnAPIfSlotId, bsnAPIfNoiseChannelNo }
const BSN_ESS = '1.3.6.1.4.1.14179.2.1.1.1'; // AIRESPACE-WIRELESS-MIB::bsnDot11EssEntry, INDEX { bsnDot11EssIndex }
const UNIFI_RADIO_ENTRY = '1.3.6.1.4.1.41112.1.6.1.1.1'; // UBNT-UniFi-MIB::unifiRadioEntry, INDEX { unifiRadioIndex }
const UNIFI_VAP_ENTRY = '1.3.6.1.4.1.41112.1.6.1.2.1'; // UBNT-UniFi-MIB::unifiVapEntry, INDEX { unifiVapIndex }
const UNIFI_AP_SYSTEM = '1.3.6.1.4.1.41112.1.6.3'; // UBNT-UniFi-MIB::unifiApSystem
const AF_CONFIG = '1.3.6.1.4.1.41112.1.3.1.1'; // UBNT-AirFIBER-MIB::airFiberConfigEntry, INDEX { airFiberConfigIndex }
const AF_STATUS = '1.3.6.1.4.1.41112.1.3.2.1'; // UBNT-AirFIBER-MIB::airFiberStatusEntry, INDEX { airFiberStatusIndex }
/** A MacAddress in an index: six sub-identifiers, no length (fixed-size OCTET STRING). */
const macIndex = (hex) => [...Buffer.from(hex, 'hex')].join('.');

{
  // wl-controller: Cisco 5520 WLC (CISCO-PRODUCTS-MIB::cisco5520WLC) with 4 APs (one disassociating, with no radio rows), 2 radios
  // each (slot 0 = dot11b 2.4 GHz, slot 1 = dot11a 5 GHz) and 3 WLANs with per-SSID client counts.
  const rng = prng(0x3504);
  const dev = nbrDevice(0x3505, { sysDescr: 'Cisco Controller', sysObjectID: '1.3.6.1.4.1.9.1.2170', sysName: 'wl-controller', sysServices: 6 }, [
    { ifIndex: 1, descr: 'Gigabit Ethernet 1', name: 'Gi1', mac: '00a2ee300001' },
    { ifIndex: 2, descr: 'Gigabit Ethernet 2', name: 'Gi2', mac: '00a2ee300002', oper: 2 },
  ]);
  const aps = [
    { name: 'ap-lobby', mac: '00a2ee3a0110', status: 1, channels: [1, 36] },
    { name: 'ap-floor1', mac: '00a2ee3a0120', status: 1, channels: [6, 44] },
    { name: 'ap-floor2', mac: '00a2ee3a0130', status: 1, channels: [11, 149] },
    { name: 'ap-store', mac: '00a2ee3a0140', status: 2, channels: [] },
  ];
  const extra = [];
  for (const ap of aps) {
    const i = macIndex(ap.mac);
    extra.push({ oid: `${BSN_AP}.1.${i}`, type: 'hex', value: ap.mac }); // bsnAPDot3MacAddress
    extra.push({ oid: `${BSN_AP}.2.${i}`, type: T.Integer, value: 2 }); // bsnAPNumOfSlots
    extra.push({ oid: `${BSN_AP}.3.${i}`, type: T.OctetString, value: ap.name }); // bsnAPName
    extra.push({ oid: `${BSN_AP}.6.${i}`, type: T.Integer, value: ap.status }); // bsnAPOperationStatus associated(1) | disassociating(2)
    for (const [slot, channel] of ap.channels.entries()) {
      const j = `${i}.${slot}`;
      const users = rng.int(0, 25);
      extra.push({ oid: `${BSN_AP_IF}.1.${j}`, type: T.Integer, value: slot }); // bsnAPIfSlotId
      extra.push({ oid: `${BSN_AP_IF}.2.${j}`, type: T.Integer, value: slot === 0 ? 1 : 2 }); // bsnAPIfType dot11b(1) | dot11a(2)
      extra.push({ oid: `${BSN_AP_IF}.4.${j}`, type: T.Integer, value: channel }); // bsnAPIfPhyChannelNumber
      extra.push({ oid: `${BSN_AP_IF}.6.${j}`, type: T.Integer, value: rng.int(1, 4) }); // bsnAPIfPhyTxPowerLevel: a level 1..8, not dBm
      extra.push({ oid: `${BSN_AP_IF}.12.${j}`, type: T.Integer, value: 2 }); // bsnAPIfOperStatus up(2)
      extra.push({ oid: `${BSN_AP_IF}.15.${j}`, type: T.Counter32, value: users }); // bsnApIfNoOfUsers (Counter32 that goes up and down)
      extra.push({ oid: `${BSN_AP_IF_LOAD}.3.${j}`, type: T.Integer, value: rng.int(5, 60) }); // bsnAPIfLoadChannelUtilization (%)
      extra.push({ oid: `${BSN_AP_IF_LOAD}.4.${j}`, type: T.Integer, value: users }); // bsnAPIfLoadNumOfClients
      // Noise per channel the radio scans; the current channel is one of them.
      for (const ch of slot === 0 ? [1, 6, 11] : [36, 44, 149]) {
        extra.push({ oid: `${BSN_AP_IF_NOISE}.21.${j}.${ch}`, type: T.Integer, value: rng.int(slot === 0 ? -98 : -104, slot === 0 ? -88 : -95) }); // bsnAPIfDBNoisePower (dBm)
      }
    }
  }
  for (const [n, ssid] of ['corp', 'guest', 'iot'].entries()) {
    extra.push({ oid: `${BSN_ESS}.2.${n + 1}`, type: T.OctetString, value: ssid }); // bsnDot11EssSsid
    extra.push({ oid: `${BSN_ESS}.38.${n + 1}`, type: T.Counter32, value: rng.int(3, 40) }); // bsnDot11EssNumberOfMobileStations
  }
  files.set('wl-controller.snmprec', toSnmprec([...render(dev), ...extra]));
}

{
  // wl-ap: a lone UniFi AP (UAP-AC-Pro) with 2 radios (ng, na) and 2 SSIDs on each: 4 VAPs.
  const rng = prng(0x0a9f);
  const dev = nbrDevice(0x0aa0, { sysDescr: 'UAP-AC-Pro-Gen2 6.6.77.15402', sysObjectID: '1.3.6.1.4.1.41112.1.6', sysName: 'wl-ap', sysServices: 2 }, [
    { ifIndex: 1, descr: 'eth0', name: 'eth0', mac: '788a20c10000' },
    { ifIndex: 5, descr: 'wifi0', name: 'wifi0', type: 71, speedBps: 0, mac: '788a20c10001' }, // IANAifType ieee80211
    { ifIndex: 6, descr: 'wifi1', name: 'wifi1', type: 71, speedBps: 0, mac: '788a20c10002' },
  ]);
  const radios = [
    { radio: 'ng', channel: 6, txPower: 17 },
    { radio: 'na', channel: 36, txPower: 22 },
  ];
  const extra = [];
  for (const [r, radio] of radios.entries()) {
    extra.push({ oid: `${UNIFI_RADIO_ENTRY}.1.${r}`, type: T.Integer, value: r }); // unifiRadioIndex
    extra.push({ oid: `${UNIFI_RADIO_ENTRY}.2.${r}`, type: T.OctetString, value: `wifi${r}` }); // unifiRadioName
    extra.push({ oid: `${UNIFI_RADIO_ENTRY}.3.${r}`, type: T.OctetString, value: radio.radio }); // unifiRadioRadio
    extra.push({ oid: `${UNIFI_RADIO_ENTRY}.6.${r}`, type: T.Integer, value: rng.int(10, 45) }); // unifiRadioCuTotal (%)
  }
  let vap = 0;
  for (const [r, radio] of radios.entries()) {
    for (const ssid of ['office', 'visitors']) {
      extra.push({ oid: `${UNIFI_VAP_ENTRY}.1.${vap}`, type: T.Integer, value: vap }); // unifiVapIndex
      extra.push({ oid: `${UNIFI_VAP_ENTRY}.2.${vap}`, type: T.OctetString, value: `78:8a:20:c1:0${r}:1${vap}` }); // unifiVapBssId
      extra.push({ oid: `${UNIFI_VAP_ENTRY}.3.${vap}`, type: T.Integer, value: rng.int(700, 990) }); // unifiVapCcq (per mille)
      extra.push({ oid: `${UNIFI_VAP_ENTRY}.4.${vap}`, type: T.Integer, value: radio.channel }); // unifiVapChannel
      extra.push({ oid: `${UNIFI_VAP_ENTRY}.6.${vap}`, type: T.OctetString, value: ssid }); // unifiVapEssId
      extra.push({ oid: `${UNIFI_VAP_ENTRY}.7.${vap}`, type: T.OctetString, value: `ath${vap}` }); // unifiVapName
      extra.push({ oid: `${UNIFI_VAP_ENTRY}.8.${vap}`, type: T.Integer, value: rng.int(0, 18) }); // unifiVapNumStations
      extra.push({ oid: `${UNIFI_VAP_ENTRY}.9.${vap}`, type: T.OctetString, value: radio.radio }); // unifiVapRadio
      extra.push({ oid: `${UNIFI_VAP_ENTRY}.21.${vap}`, type: T.Integer, value: radio.txPower }); // unifiVapTxPower (dBm)
      extra.push({ oid: `${UNIFI_VAP_ENTRY}.22.${vap}`, type: T.Integer, value: 1 }); // unifiVapUp true(1)
      extra.push({ oid: `${UNIFI_VAP_ENTRY}.23.${vap}`, type: T.OctetString, value: ssid === 'office' ? 'user' : 'guest' }); // unifiVapUsage
      vap++;
    }
  }
  extra.push({ oid: `${UNIFI_AP_SYSTEM}.3.0`, type: T.OctetString, value: 'UAP-AC-Pro' }); // unifiApSystemModel.0
  extra.push({ oid: `${UNIFI_AP_SYSTEM}.6.0`, type: T.OctetString, value: '6.6.77.15402' }); // unifiApSystemVersion.0
  files.set('wl-ap.snmprec', toSnmprec([...render(dev), ...extra]));
}

{
  // wl-ptp: one end of a Ubiquiti airFiber 24 link: frequencies in kHz, rx power per chain in dBm,
  // capacity in bit/s, distance in m; sysObjectID as airFiber reports it (Frederick's enterprise 10002).
  const dev = nbrDevice(0x0af2, { sysDescr: 'Linux 2.6.33 #1 Fri Jan 26 16:39:18 CST 2018 armv5tejl', sysObjectID: '1.3.6.1.4.1.10002.1', sysName: 'wl-ptp', sysServices: 2 }, [
    { ifIndex: 1, descr: 'eth0', name: 'eth0', mac: '0418d6c20001' },
    { ifIndex: 2, descr: 'air0', name: 'air0', type: 71, speedBps: 1e9, mac: '0418d6c20002' }, // IANAifType ieee80211
  ]);
  const extra = [
    { oid: `${AF_CONFIG}.1.1`, type: T.Integer, value: 1 }, // airFiberConfigIndex
    { oid: `${AF_CONFIG}.2.1`, type: T.Integer, value: 1 }, // radioEnable enabled(1)
    { oid: `${AF_CONFIG}.5.1`, type: T.Integer, value: 24_100_000 }, // txFrequency (kHz)
    { oid: `${AF_CONFIG}.6.1`, type: T.Integer, value: 24_200_000 }, // rxFrequency (kHz)
    { oid: `${AF_CONFIG}.9.1`, type: T.Integer, value: 20 }, // txPower (dBm)
    { oid: `${AF_CONFIG}.14.1`, type: T.OctetString, value: 'hq-to-depot' }, // linkName
    { oid: `${AF_CONFIG}.27.1`, type: T.Integer, value: 100 }, // channelWidth (MHz)
    { oid: `${AF_STATUS}.1.1`, type: T.Integer, value: 1 }, // airFiberStatusIndex
    { oid: `${AF_STATUS}.2.1`, type: T.Integer, value: 10 }, // curTXModRate qam64MIMO(10)
    { oid: `${AF_STATUS}.4.1`, type: T.Integer, value: 2_350 }, // radioLinkDistM (m)
    { oid: `${AF_STATUS}.5.1`, type: T.Integer, value: 712_400_000 }, // rxCapacity (bit/s)
    { oid: `${AF_STATUS}.6.1`, type: T.Integer, value: 698_100_000 }, // txCapacity (bit/s)
    { oid: `${AF_STATUS}.8.1`, type: T.Integer, value: 41 }, // radio0TempC
    { oid: `${AF_STATUS}.11.1`, type: T.Integer, value: -47 }, // rxPower0 (dBm)
    { oid: `${AF_STATUS}.12.1`, type: T.Integer, value: 1 }, // rxPower0Valid true(1)
    { oid: `${AF_STATUS}.14.1`, type: T.Integer, value: -49 }, // rxPower1 (dBm)
    { oid: `${AF_STATUS}.15.1`, type: T.Integer, value: 1 }, // rxPower1Valid true(1)
    { oid: `${AF_STATUS}.17.1`, type: T.Integer, value: 20 }, // remoteTXPower (dBm)
    { oid: `${AF_STATUS}.19.1`, type: T.Integer, value: -48 }, // remoteRXPower0 (dBm)
    { oid: `${AF_STATUS}.22.1`, type: T.Integer, value: -50 }, // remoteRXPower1 (dBm)
    { oid: `${AF_STATUS}.26.1`, type: T.Integer, value: 1 }, // radioLinkState up(1)
    { oid: `${AF_STATUS}.40.1`, type: T.OctetString, value: 'v4.1.0' }, // fwVersion
    { oid: `${AF_STATUS}.45.1`, type: T.OctetString, value: '04:18:D6:C2:00:12' }, // remoteMAC
  ];
  files.set('wl-ptp.snmprec', toSnmprec([...render(dev), ...extra]));
}

{
  // health-ent: an Arista 7050 switch reading device health from standard MIBs: HOST-RESOURCES-MIB
  // processors and RAM, ENTITY-SENSOR-MIB sensors named by ENTITY-MIB (one per scale / precision
  // case, one unavailable, one truth value), sysObjectID under Arista's enterprise 30065.
  const dev = nbrDevice(0x4ea1, { sysDescr: 'Arista Networks EOS version 4.28.3M running on an Arista DCS-7050SX3-48YC8', sysObjectID: '1.3.6.1.4.1.30065.1.3011.7050.3741.48', sysName: 'health-ent', sysServices: 6 }, [
    { ifIndex: 1, descr: 'Ethernet1', name: 'Ethernet1', speedBps: 1e10, mac: '444ca8000001' },
    { ifIndex: 2, descr: 'Ethernet2', name: 'Ethernet2', speedBps: 1e10, mac: '444ca8000002' },
  ]);
  const HR_PROC = '1.3.6.1.2.1.25.3.3.1'; // HOST-RESOURCES-MIB::hrProcessorEntry
  const HR_DEV = '1.3.6.1.2.1.25.3.2.1'; // HOST-RESOURCES-MIB::hrDeviceEntry
  const HR_STOR = '1.3.6.1.2.1.25.2.3.1'; // HOST-RESOURCES-MIB::hrStorageEntry
  const ES = '1.3.6.1.2.1.99.1.1.1'; // ENTITY-SENSOR-MIB::entPhySensorEntry
  const ENT = '1.3.6.1.2.1.47.1.1.1.1'; // ENTITY-MIB::entPhysicalEntry
  const extra = [
    { oid: `${HR_DEV}.3.196608`, type: T.OctetString, value: 'AMD GX-424CC SOC' }, // hrDeviceDescr
    { oid: `${HR_DEV}.3.196609`, type: T.OctetString, value: 'AMD GX-424CC SOC' },
    { oid: `${HR_PROC}.2.196608`, type: T.Integer, value: 17 }, // hrProcessorLoad (%)
    { oid: `${HR_PROC}.2.196609`, type: T.Integer, value: 4 },
    { oid: `${HR_STOR}.2.1`, type: T.OID, value: '1.3.6.1.2.1.25.2.1.2' }, // hrStorageType hrStorageRam
    { oid: `${HR_STOR}.2.2`, type: T.OID, value: '1.3.6.1.2.1.25.2.1.4' }, // hrStorageFixedDisk: not memory
    { oid: `${HR_STOR}.3.1`, type: T.OctetString, value: 'RAM' }, // hrStorageDescr
    { oid: `${HR_STOR}.3.2`, type: T.OctetString, value: '/mnt/flash' },
    { oid: `${HR_STOR}.4.1`, type: T.Integer, value: 1024 }, // hrStorageAllocationUnits
    { oid: `${HR_STOR}.4.2`, type: T.Integer, value: 4096 },
    { oid: `${HR_STOR}.5.1`, type: T.Integer, value: 8_000_000 }, // hrStorageSize
    { oid: `${HR_STOR}.5.2`, type: T.Integer, value: 1_000_000 },
    { oid: `${HR_STOR}.6.1`, type: T.Integer, value: 3_000_000 }, // hrStorageUsed
    { oid: `${HR_STOR}.6.2`, type: T.Integer, value: 500_000 },
  ];
  // index, type (8 celsius, 10 rpm, 4 voltsDC, 12 truthvalue), scale (9 units, 8 milli), precision, value, status (1 ok, 2 unavailable), name
  const sensors = [
    [100006001, 8, 9, 1, 415, 1, 'Cpu temp sensor'],
    [100601111, 10, 9, 0, 5312, 1, 'Fan Tray 1 Fan 1 Sensor 1'],
    [100701151, 4, 8, 0, 11960, 1, 'Power supply 1 output voltage'],
    [100701152, 4, 8, 0, 0, 2, 'Power supply 2 output voltage'],
    [100701161, 12, 9, 0, 1, 1, 'Power supply 1 ok'],
  ];
  for (const [i, type, scale, precision, value, status, name] of sensors) {
    extra.push({ oid: `${ENT}.2.${i}`, type: T.OctetString, value: name }); // entPhysicalDescr
    extra.push({ oid: `${ENT}.7.${i}`, type: T.OctetString, value: '' }); // entPhysicalName (Arista leaves it empty)
    extra.push({ oid: `${ES}.1.${i}`, type: T.Integer, value: type }); // entPhySensorType
    extra.push({ oid: `${ES}.2.${i}`, type: T.Integer, value: scale }); // entPhySensorScale
    extra.push({ oid: `${ES}.3.${i}`, type: T.Integer, value: precision }); // entPhySensorPrecision
    extra.push({ oid: `${ES}.4.${i}`, type: T.Integer, value }); // entPhySensorValue
    extra.push({ oid: `${ES}.5.${i}`, type: T.Integer, value: status }); // entPhySensorOperStatus
  }
  files.set('health-ent.snmprec', toSnmprec([...render(dev), ...extra]));
}

{
  // health-cisco: a Catalyst 9300 reading device health from Cisco MIBs: CISCO-PROCESS-MIB CPU,
  // CISCO-ENHANCED-MEMPOOL-MIB pools (64-bit), CISCO-ENVMON-MIB temperature, fan and PSU states,
  // CISCO-ENTITY-SENSOR-MIB optics (dBm, milli scale, precision 1) named by ENTITY-MIB.
  const dev = nbrDevice(0xc155, { sysDescr: 'Cisco IOS XE Software, Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4', sysObjectID: '1.3.6.1.4.1.9.1.2494', sysName: 'health-cisco', sysServices: 6 }, [
    { ifIndex: 1, descr: 'TenGigabitEthernet1/1/1', name: 'Te1/1/1', speedBps: 1e10, mac: '001b54c10101' },
  ]);
  const CPM = '1.3.6.1.4.1.9.9.109.1.1.1.1'; // CISCO-PROCESS-MIB::cpmCPUTotalEntry
  const CEMP = '1.3.6.1.4.1.9.9.221.1.1.1.1'; // CISCO-ENHANCED-MEMPOOL-MIB::cempMemPoolEntry
  const ENVMON = '1.3.6.1.4.1.9.9.13.1'; // CISCO-ENVMON-MIB::ciscoEnvMonObjects
  const CES = '1.3.6.1.4.1.9.9.91.1.1.1.1'; // CISCO-ENTITY-SENSOR-MIB::entSensorValueEntry
  const ENT = '1.3.6.1.2.1.47.1.1.1.1'; // ENTITY-MIB::entPhysicalEntry
  const extra = [
    { oid: `${ENT}.2.1000`, type: T.OctetString, value: 'Cisco Catalyst 9300 Switch' }, // entPhysicalDescr
    { oid: `${ENT}.7.1000`, type: T.OctetString, value: 'Switch 1' }, // entPhysicalName
    { oid: `${ENT}.2.1041`, type: T.OctetString, value: 'Te1/1/1 Receive Power Sensor' },
    { oid: `${ENT}.7.1041`, type: T.OctetString, value: 'Te1/1/1 Receive Power Sensor' },
    { oid: `${ENT}.2.1042`, type: T.OctetString, value: 'Te1/1/1 Transmit Power Sensor' },
    { oid: `${ENT}.7.1042`, type: T.OctetString, value: 'Te1/1/1 Transmit Power Sensor' },
    { oid: `${CPM}.2.7`, type: T.Integer, value: 1000 }, // cpmCPUTotalPhysicalIndex
    { oid: `${CPM}.5.7`, type: T.Gauge32, value: 9 }, // cpmCPUTotal5min
    { oid: `${CPM}.8.7`, type: T.Gauge32, value: 8 }, // cpmCPUTotal5minRev
    { oid: `${CEMP}.3.1000.1`, type: T.OctetString, value: 'Processor' }, // cempMemPoolName
    { oid: `${CEMP}.3.1000.2`, type: T.OctetString, value: 'reserve Processor' },
    { oid: `${CEMP}.7.1000.1`, type: T.Gauge32, value: 4_294_967_295 }, // cempMemPoolUsed (saturated)
    { oid: `${CEMP}.7.1000.2`, type: T.Gauge32, value: 88 },
    { oid: `${CEMP}.8.1000.1`, type: T.Gauge32, value: 1_073_741_824 }, // cempMemPoolFree
    { oid: `${CEMP}.8.1000.2`, type: T.Gauge32, value: 102_312 },
    { oid: `${CEMP}.18.1000.1`, type: T.Counter64, value: 5_368_709_120n }, // cempMemPoolHCUsed (5 GiB)
    { oid: `${CEMP}.20.1000.1`, type: T.Counter64, value: 3_221_225_472n }, // cempMemPoolHCFree (3 GiB)
    { oid: `${ENVMON}.3.1.2.1010`, type: T.OctetString, value: 'Switch 1 - Inlet Temp Sensor' }, // ciscoEnvMonTemperatureStatusDescr
    { oid: `${ENVMON}.3.1.3.1010`, type: T.Gauge32, value: 29 }, // ciscoEnvMonTemperatureStatusValue (°C)
    { oid: `${ENVMON}.3.1.6.1010`, type: T.Integer, value: 1 }, // ciscoEnvMonTemperatureState normal(1)
    { oid: `${ENVMON}.4.1.2.1020`, type: T.OctetString, value: 'Switch 1 - FAN 1' }, // ciscoEnvMonFanStatusDescr
    { oid: `${ENVMON}.4.1.2.1021`, type: T.OctetString, value: 'Switch 1 - FAN 2' },
    { oid: `${ENVMON}.4.1.3.1020`, type: T.Integer, value: 1 }, // ciscoEnvMonFanState normal(1)
    { oid: `${ENVMON}.4.1.3.1021`, type: T.Integer, value: 3 }, // critical(3)
    { oid: `${ENVMON}.5.1.2.1030`, type: T.OctetString, value: 'Switch 1 - Power Supply A' }, // ciscoEnvMonSupplyStatusDescr
    { oid: `${ENVMON}.5.1.2.1031`, type: T.OctetString, value: 'Switch 1 - Power Supply B' },
    { oid: `${ENVMON}.5.1.3.1030`, type: T.Integer, value: 1 }, // ciscoEnvMonSupplyState normal(1)
    { oid: `${ENVMON}.5.1.3.1031`, type: T.Integer, value: 5 }, // notPresent(5): left out
  ];
  // entSensorValueTable: index, type (14 dBm), scale (8 milli), precision, value, status (1 ok)
  for (const [i, value] of [[1041, -23010], [1042, -1520]]) {
    extra.push({ oid: `${CES}.1.${i}`, type: T.Integer, value: 14 }); // entSensorType dBm
    extra.push({ oid: `${CES}.2.${i}`, type: T.Integer, value: 9 }); // entSensorScale units
    extra.push({ oid: `${CES}.3.${i}`, type: T.Integer, value: 3 }); // entSensorPrecision 3
    extra.push({ oid: `${CES}.4.${i}`, type: T.Integer, value }); // entSensorValue
    extra.push({ oid: `${CES}.5.${i}`, type: T.Integer, value: 1 }); // entSensorStatus ok
  }
  files.set('health-cisco.snmprec', toSnmprec([...render(dev), ...extra]));
}

{
  // health-fortigate: a FortiGate 100F reading device health from FORTINET-FORTIGATE-MIB: system CPU
  // and two cores, memory use against capacity (KB), hardware sensor alarms (one in alarm), two
  // IPsec phase-2 tunnels (one down), SSL-VPN state and counts for one VDOM.
  const dev = nbrDevice(0xf0a7, { sysDescr: 'FortiGate-100F', sysObjectID: '1.3.6.1.4.1.12356.101.1.1041', sysName: 'health-fortigate', sysServices: 78 }, [
    { ifIndex: 1, descr: 'wan1', name: 'wan1', speedBps: 1e9, mac: '04d590000001' },
  ]);
  const FG = '1.3.6.1.4.1.12356.101'; // FORTINET-FORTIGATE-MIB::fgModel's parent
  const extra = [
    { oid: `${FG}.4.1.3.0`, type: T.Gauge32, value: 23 }, // fgSysCpuUsage (%)
    { oid: `${FG}.4.1.4.0`, type: T.Gauge32, value: 61 }, // fgSysMemUsage (%)
    { oid: `${FG}.4.1.5.0`, type: T.Gauge32, value: 8_000_000 }, // fgSysMemCapacity (KB)
    { oid: `${FG}.4.4.2.1.2.1`, type: T.Gauge32, value: 31 }, // fgProcessorUsage core 1
    { oid: `${FG}.4.4.2.1.2.2`, type: T.Gauge32, value: 14 }, // core 2
    { oid: `${FG}.12.1.1.0`, type: T.Gauge32, value: 1 }, // fgVpnTunnelUpCount
  ];
  // fgHwSensorTable: index, name, value (text), alarm status (0 false, 1 true)
  for (const [i, name, value, alarm] of [[1, 'CPU ON-DIE Temp', '52.5', 0], [2, 'FAN1', '4200', 0], [3, 'PS2 Status', '0', 1]]) {
    extra.push({ oid: `${FG}.4.3.2.1.1.${i}`, type: T.Integer, value: i }); // fgHwSensorEntIndex
    extra.push({ oid: `${FG}.4.3.2.1.2.${i}`, type: T.OctetString, value: name }); // fgHwSensorEntName
    extra.push({ oid: `${FG}.4.3.2.1.3.${i}`, type: T.OctetString, value }); // fgHwSensorEntValue
    extra.push({ oid: `${FG}.4.3.2.1.4.${i}`, type: T.Integer, value: alarm }); // fgHwSensorEntAlarmStatus
  }
  // fgVpnTunTable: index, phase 1, phase 2, remote gateway, status (1 down, 2 up)
  for (const [i, p1, p2, gw, status] of [[1, 'branch-a', 'branch-a-p2', '198.51.100.7', 2], [2, 'branch-b', 'branch-b-p2', '203.0.113.9', 1]]) {
    extra.push({ oid: `${FG}.12.2.2.1.1.${i}`, type: T.Integer, value: i }); // fgVpnTunEntIndex
    extra.push({ oid: `${FG}.12.2.2.1.2.${i}`, type: T.OctetString, value: p1 }); // fgVpnTunEntPhase1Name
    extra.push({ oid: `${FG}.12.2.2.1.3.${i}`, type: T.OctetString, value: p2 }); // fgVpnTunEntPhase2Name
    extra.push({ oid: `${FG}.12.2.2.1.4.${i}`, type: T.IpAddress, value: gw }); // fgVpnTunEntRemGwyIp
    extra.push({ oid: `${FG}.12.2.2.1.20.${i}`, type: T.Integer, value: status }); // fgVpnTunEntStatus
  }
  extra.push({ oid: `${FG}.12.2.3.1.1.1`, type: T.Integer, value: 2 }); // fgVpnSslState enabled(2), VDOM 1
  extra.push({ oid: `${FG}.12.2.3.1.2.1`, type: T.Gauge32, value: 7 }); // fgVpnSslStatsLoginUsers
  extra.push({ oid: `${FG}.12.2.3.1.6.1`, type: T.Gauge32, value: 5 }); // fgVpnSslStatsActiveTunnels
  files.set('health-fortigate.snmprec', toSnmprec([...render(dev), ...extra]));
}

{
  // health-huawei: a Huawei S5735 switch reading device health from HUAWEI-ENTITY-EXTENT-MIB: one
  // MPU board (CPU, memory in MB, temperature, voltage) and one board without a CPU, two SFPs (one
  // with diagnostics in 0.01 dBm, one absent: mode notSupported), two fans, HUAWEI-ENERGYMNGT-MIB power.
  const dev = nbrDevice(0x4a3e, { sysDescr: 'S5735-L48T4X-A1\nHuawei Versatile Routing Platform Software\nVRP (R) software,Version 5.170 (S5735 V200R022C00SPC500)', sysObjectID: '1.3.6.1.4.1.2011.2.23.685', sysName: 'health-huawei', sysServices: 6 }, [
    { ifIndex: 6, descr: 'XGigabitEthernet0/0/1', name: 'XGigabitEthernet0/0/1', speedBps: 1e10, mac: '48fd8e000001' },
  ]);
  const ENT = '1.3.6.1.2.1.47.1.1.1.1'; // ENTITY-MIB::entPhysicalEntry
  const ST = '1.3.6.1.4.1.2011.5.25.31.1.1.1.1'; // HUAWEI-ENTITY-EXTENT-MIB::hwEntityStateEntry
  const OPT = '1.3.6.1.4.1.2011.5.25.31.1.1.3.1'; // hwOpticalModuleInfoEntry
  const FAN = '1.3.6.1.4.1.2011.5.25.31.1.1.10.1'; // hwFanStatusEntry
  const EN = '1.3.6.1.4.1.2011.6.157.1'; // HUAWEI-ENERGYMNGT-MIB
  const extra = [
    { oid: `${EN}.3.0`, type: T.Integer, value: 38_500 }, // hwAveragePower (mW)
    { oid: `${EN}.6.0`, type: T.Integer, value: 41_200 }, // hwCurrentPower (mW)
  ];
  // hwEntityStateTable: index, name, oper (3 enabled), cpu, cpu threshold, mem %, mem MB, temp (°C), voltage (mV)
  for (const [i, name, oper, cpu, thr, mem, mb, temp, volt] of [[67108873, 'MPU Board 0', 3, 12, 80, 47, 1024, 41, 12_050], [67174410, 'POWER Card 0/PWR1', 3, 0, 0, 0, 0, 0, 0]]) {
    extra.push({ oid: `${ENT}.7.${i}`, type: T.OctetString, value: name }); // entPhysicalName
    extra.push({ oid: `${ST}.2.${i}`, type: T.Integer, value: oper }); // hwEntityOperStatus
    extra.push({ oid: `${ST}.5.${i}`, type: T.Integer, value: cpu }); // hwEntityCpuUsage
    extra.push({ oid: `${ST}.6.${i}`, type: T.Integer, value: thr }); // hwEntityCpuUsageThreshold
    extra.push({ oid: `${ST}.7.${i}`, type: T.Integer, value: mem }); // hwEntityMemUsage
    extra.push({ oid: `${ST}.9.${i}`, type: T.Integer, value: 0 }); // hwEntityMemSize (bytes, 0 when MB is given)
    extra.push({ oid: `${ST}.11.${i}`, type: T.Integer, value: temp }); // hwEntityTemperature
    extra.push({ oid: `${ST}.13.${i}`, type: T.Integer, value: volt }); // hwEntityVoltage
    extra.push({ oid: `${ST}.19.${i}`, type: T.Integer, value: mb }); // hwEntityMemSizeMega
  }
  // hwOpticalModuleInfoTable: index, name, mode (1 notSupported, 2 singleMode), temp, voltage (mV), bias (µA), rx, tx (0.01 dBm)
  for (const [i, name, mode, temp, volt, bias, rx, tx] of [[67633350, 'XGigabitEthernet0/0/1', 2, 36, 3_290, 6_120, -532, -218], [67633414, 'XGigabitEthernet0/0/2', 1, -255, -1, -1, -1, -1]]) {
    extra.push({ oid: `${ENT}.7.${i}`, type: T.OctetString, value: name }); // entPhysicalName
    extra.push({ oid: `${OPT}.1.${i}`, type: T.Integer, value: mode }); // hwEntityOpticalMode
    extra.push({ oid: `${OPT}.5.${i}`, type: T.Integer, value: temp }); // hwEntityOpticalTemperature
    extra.push({ oid: `${OPT}.6.${i}`, type: T.Integer, value: volt }); // hwEntityOpticalVoltage
    extra.push({ oid: `${OPT}.7.${i}`, type: T.Integer, value: bias }); // hwEntityOpticalBiasCurrent
    extra.push({ oid: `${OPT}.8.${i}`, type: T.Integer, value: rx }); // hwEntityOpticalRxPower
    extra.push({ oid: `${OPT}.9.${i}`, type: T.Integer, value: tx }); // hwEntityOpticalTxPower
  }
  extra.push({ oid: `${FAN}.7.0.0`, type: T.Integer, value: 1 }); // hwEntityFanState normal(1), slot 0 fan 0
  extra.push({ oid: `${FAN}.7.0.1`, type: T.Integer, value: 2 }); // abnormal(2), slot 0 fan 1
  files.set('health-huawei.snmprec', toSnmprec([...render(dev), ...extra]));
}

{
  // health-comware: an HPE 5130 (Comware 7) reading device health from H3C MIBs: HH3C-ENTITY-EXT-MIB
  // CPU, memory and temperature per entity (the chassis module with a CPU; a sensor entity; a module
  // without a CPU), HH3C-TRANSCEIVER-INFO-MIB diagnostics on two ports (one admin down), fan and PSU states.
  const dev = nbrDevice(0xc0ae, { sysDescr: 'HPE Comware Platform Software, Software Version 7.1.070, Release 3507P11\r\nHPE 5130 24G 4SFP+ EI Switch\r\nCopyright (c) 2010-2022 Hewlett Packard Enterprise Development LP', sysObjectID: '1.3.6.1.4.1.25506.11.1.163', sysName: 'health-comware', sysServices: 6 }, [
    { ifIndex: 25, descr: 'Ten-GigabitEthernet1/0/25', name: 'XGE1/0/25', speedBps: 1e10, mac: '9457a5000025' },
    { ifIndex: 26, descr: 'Ten-GigabitEthernet1/0/26', name: 'XGE1/0/26', speedBps: 1e10, mac: '9457a5000026', admin: 2, oper: 2 },
  ]);
  const ENT = '1.3.6.1.2.1.47.1.1.1.1'; // ENTITY-MIB::entPhysicalEntry
  const EXT = '1.3.6.1.4.1.25506.2.6.1.1.1.1'; // HH3C-ENTITY-EXT-MIB::hh3cEntityExtStateEntry
  const XCVR = '1.3.6.1.4.1.25506.2.70.1.1.1'; // HH3C-TRANSCEIVER-INFO-MIB::hh3cTransceiverInfoEntry
  const DEVM = '1.3.6.1.4.1.25506.8.35.9.1'; // HH3C-LswDEVM-MIB
  const extra = [];
  // entity: index, class (9 module, 8 sensor, 3 chassis), name, cpu %, mem %, mem bytes, temperature (65535: none)
  for (const [i, cls, name, cpu, mem, size, temp] of [[2, 3, 'Board 1', 0, 0, 0, 65535], [22, 9, 'Slot 1', 9, 38, 1_073_741_824, 44], [78, 8, 'Hotspot 1', 0, 0, 0, 51], [23, 9, 'Slot 1 subcard 1', 0, 0, 0, 65535]]) {
    extra.push({ oid: `${ENT}.5.${i}`, type: T.Integer, value: cls }); // entPhysicalClass
    extra.push({ oid: `${ENT}.7.${i}`, type: T.OctetString, value: name }); // entPhysicalName
    extra.push({ oid: `${EXT}.6.${i}`, type: T.Integer, value: cpu }); // hh3cEntityExtCpuUsage
    extra.push({ oid: `${EXT}.8.${i}`, type: T.Integer, value: mem }); // hh3cEntityExtMemUsage
    extra.push({ oid: `${EXT}.10.${i}`, type: T.Gauge32, value: size }); // hh3cEntityExtMemSize (bytes)
    extra.push({ oid: `${EXT}.12.${i}`, type: T.Integer, value: temp }); // hh3cEntityExtTemperature
  }
  // transceivers by ifIndex: diagnostic (1 true), tx, rx (0.01 dBm), temperature, voltage (0.01 V), bias (0.01 mA)
  for (const [i, tx, rx, temp, volt, bias] of [[25, -241, -587, 33, 328, 612], [26, -250, -4000, 30, 330, 600]]) {
    extra.push({ oid: `${XCVR}.8.${i}`, type: T.Integer, value: 1 }); // hh3cTransceiverDiagnostic
    extra.push({ oid: `${XCVR}.9.${i}`, type: T.Integer, value: tx }); // hh3cTransceiverCurTXPower
    extra.push({ oid: `${XCVR}.12.${i}`, type: T.Integer, value: rx }); // hh3cTransceiverCurRXPower
    extra.push({ oid: `${XCVR}.15.${i}`, type: T.Integer, value: temp }); // hh3cTransceiverTemperature
    extra.push({ oid: `${XCVR}.16.${i}`, type: T.Integer, value: volt }); // hh3cTransceiverVoltage
    extra.push({ oid: `${XCVR}.17.${i}`, type: T.Integer, value: bias }); // hh3cTransceiverBiasCurrent
  }
  extra.push({ oid: `${DEVM}.1.1.2.1`, type: T.Integer, value: 1 }); // hh3cDevMFanStatus active(1)
  extra.push({ oid: `${DEVM}.1.1.2.2`, type: T.Integer, value: 2 }); // deactive(2)
  extra.push({ oid: `${DEVM}.2.1.2.1`, type: T.Integer, value: 1 }); // hh3cDevMPowerStatus active(1)
  extra.push({ oid: `${DEVM}.2.1.2.2`, type: T.Integer, value: 3 }); // not-install(3)
  files.set('health-comware.snmprec', toSnmprec([...render(dev), ...extra]));
}

{
  // health-icx: a Ruckus ICX 7150 reading device health from FOUNDRY-SN-AGENT-MIB: CPU rows for the
  // 1 s, 5 s, 60 s and 300 s intervals (100th-percent), system DRAM, two temperature sensors (half
  // degrees), optic diagnostics as text on one port and "N/A" on another, PSU 1 normal and PSU 2
  // other (absent), one fan, stacking disabled.
  const dev = nbrDevice(0x1c47, { sysDescr: 'Ruckus Wireless, Inc. ICX7150-24P, IronWare Version 08.0.95kT211 Compiled on Mar 20 2023', sysObjectID: '1.3.6.1.4.1.1991.1.3.62.2.2.1.1', sysName: 'health-icx', sysServices: 6 }, [
    { ifIndex: 25, descr: 'GigabitEthernet1/2/1', name: '1/2/1', speedBps: 1e9, mac: '609c9f000025' },
    { ifIndex: 26, descr: 'GigabitEthernet1/2/2', name: '1/2/2', speedBps: 1e9, mac: '609c9f000026' },
  ]);
  const AG = '1.3.6.1.4.1.1991.1.1.2'; // FOUNDRY-SN-AGENT-MIB::snAgentSys
  const OPT = '1.3.6.1.4.1.1991.1.1.3.3.6.1'; // snIfOpticalMonitoringInfoEntry
  const CHAS = '1.3.6.1.4.1.1991.1.1.1'; // snChassis
  const extra = [
    { oid: `${AG}.12.4.2.0`, type: T.Integer, value: 536_870_912 }, // snAgSystemDRAMTotal (bytes)
    { oid: `${AG}.12.4.3.0`, type: T.Integer, value: 322_122_547 }, // snAgSystemDRAMFree
    { oid: '1.3.6.1.4.1.1991.1.1.3.31.1.1.0', type: T.Integer, value: 2 }, // snStackingGlobalConfigState disabled(2)
    { oid: `${CHAS}.2.1.1.3.1`, type: T.Integer, value: 2 }, // snChasPwrSupplyOperStatus normal(2)
    { oid: `${CHAS}.2.1.1.3.2`, type: T.Integer, value: 1 }, // other(1): left out
    { oid: `${CHAS}.3.1.1.2.1`, type: T.OctetString, value: 'Fan 1 ok, speed (auto): [[1]]<->2' }, // snChasFanDescription
    { oid: `${CHAS}.3.1.1.3.1`, type: T.Integer, value: 2 }, // snChasFanOperStatus normal(2)
  ];
  // snAgentCpuUtilTable: slot.cpu.interval, 100th percent
  for (const [interval, hundredths] of [[1, 2100], [5, 1650], [60, 1380], [300, 1234]]) {
    const i = `1.1.${interval}`;
    extra.push({ oid: `${AG}.11.1.1.1.${i}`, type: T.Integer, value: 1 }); // snAgentCpuUtilSlotNum
    extra.push({ oid: `${AG}.11.1.1.2.${i}`, type: T.Integer, value: 1 }); // snAgentCpuUtilCpuId
    extra.push({ oid: `${AG}.11.1.1.3.${i}`, type: T.Integer, value: interval }); // snAgentCpuUtilInterval
    extra.push({ oid: `${AG}.11.1.1.4.${i}`, type: T.Gauge32, value: Math.round(hundredths / 100) }); // snAgentCpuUtilValue
    extra.push({ oid: `${AG}.11.1.1.6.${i}`, type: T.Gauge32, value: hundredths }); // snAgentCpuUtil100thPercent
  }
  // snAgentTempTable: slot.sensor, descr, value (0.5 °C)
  for (const [i, descr, value] of [['1.1', 'System temperature', 83], ['1.2', 'CPU temperature', 101]]) {
    extra.push({ oid: `${AG}.13.1.1.3.${i}`, type: T.OctetString, value: descr }); // snAgentTempSensorDescr
    extra.push({ oid: `${AG}.13.1.1.4.${i}`, type: T.Integer, value }); // snAgentTempValue
  }
  for (const [i, temp, tx, rx, bias] of [[25, '31.5000 C Normal', '-5.2287 dBm Normal', '-6.0206 dBm Normal', '5.632 mA Normal'], [26, 'N/A', 'N/A', 'N/A', 'N/A']]) {
    extra.push({ oid: `${OPT}.1.${i}`, type: T.OctetString, value: temp }); // snIfOpticalMonitoringTemperature
    extra.push({ oid: `${OPT}.2.${i}`, type: T.OctetString, value: tx }); // snIfOpticalMonitoringTxPower
    extra.push({ oid: `${OPT}.3.${i}`, type: T.OctetString, value: rx }); // snIfOpticalMonitoringRxPower
    extra.push({ oid: `${OPT}.4.${i}`, type: T.OctetString, value: bias }); // snIfOpticalMonitoringTxBiasCurrent
  }
  files.set('health-icx.snmprec', toSnmprec([...render(dev), ...extra]));
}

{
  // health-arubaos: an Aruba 7210 mobility controller reading device health from Aruba's MIBs:
  // WLSX-SYSTEMEXT-MIB processors, WLSX-SWITCH-MIB memory (KB), WLSX-USER-MIB VPN users.
  const dev = nbrDevice(0xa7b0, { sysDescr: 'ArubaOS (MODEL: Aruba7210), Version 8.10.0.7 LSR', sysObjectID: '1.3.6.1.4.1.14823.1.1.36', sysName: 'health-arubaos', sysServices: 6 }, [
    { ifIndex: 1, descr: 'GE0/0/0', name: 'GE0/0/0', speedBps: 1e9, mac: '000b86000001' },
  ]);
  const PROC = '1.3.6.1.4.1.14823.2.2.1.2.1.13.1'; // WLSX-SYSTEMEXT-MIB::wlsxSysExtProcessorEntry
  const MEM = '1.3.6.1.4.1.14823.2.2.1.1.1.11.1'; // WLSX-SWITCH-MIB::wlsxSysXMemoryEntry
  const extra = [
    { oid: `${MEM}.2.1`, type: T.Integer, value: 3_985_360 }, // sysXMemorySize (KB)
    { oid: `${MEM}.3.1`, type: T.Integer, value: 1_545_212 }, // sysXMemoryUsed
    { oid: `${MEM}.4.1`, type: T.Integer, value: 2_440_148 }, // sysXMemoryFree
    { oid: '1.3.6.1.4.1.14823.2.2.1.4.1.4.2.0', type: T.Integer, value: 4 }, // wlsxNumOfUsersVPN
  ];
  for (const [i, descr, load] of [[1, 'Network Processor CPU1', 3], [2, 'Network Processor CPU2', 5], [3, 'Supervisor Card CPU', 12]]) {
    extra.push({ oid: `${PROC}.2.${i}`, type: T.OctetString, value: descr }); // sysExtProcessorDescr
    extra.push({ oid: `${PROC}.3.${i}`, type: T.Integer, value: load }); // sysExtProcessorLoad
  }
  files.set('health-arubaos.snmprec', toSnmprec([...render(dev), ...extra]));
}

{
  // health-xos: an Extreme X440-G2 (ExtremeXOS) reading device health from Extreme's MIBs: system CPU
  // (5-minute), memory (KB), chassis temperature, two fans (extremeFanNumber 101, 102), power (mW).
  const dev = nbrDevice(0xe705, { sysDescr: 'ExtremeXOS (X440G2-48p-10G4) version 31.7.1.4 31.7.1.4-patch1-5 by release-manager on Tue Dec 6 2022', sysObjectID: '1.3.6.1.4.1.1916.2.286', sysName: 'health-xos', sysServices: 6 }, [
    { ifIndex: 1001, descr: 'X440G2-48p-10G4 Port 1', name: '1', speedBps: 1e9, mac: '00049600a001' },
  ]);
  const SYS = '1.3.6.1.4.1.1916.1.1.1'; // EXTREME-SYSTEM-MIB::extremeSystemCommon
  const MON = '1.3.6.1.4.1.1916.1.32'; // EXTREME-SOFTWARE-MONITOR-MIB
  const extra = [
    { oid: `${SYS}.8.0`, type: T.Integer, value: 43 }, // extremeCurrentTemperature (°C)
    { oid: `${SYS}.9.1.4.101`, type: T.Integer, value: 6_200 }, // extremeFanSpeed (rpm)
    { oid: `${SYS}.9.1.4.102`, type: T.Integer, value: 6_350 },
    { oid: `${SYS}.40.1.0`, type: T.Integer, value: 74_500 }, // extremeSystemPowerUsage (mW)
    { oid: `${MON}.1.4.1.5.1`, type: T.OctetString, value: '9' }, // extremeCpuMonitorSystemUtilization5secs
    { oid: `${MON}.1.4.1.9.1`, type: T.OctetString, value: '7' }, // extremeCpuMonitorSystemUtilization5mins
    { oid: `${MON}.2.2.1.2.1`, type: T.OctetString, value: '1048576' }, // extremeMemoryMonitorSystemTotal (KB)
    { oid: `${MON}.2.2.1.3.1`, type: T.OctetString, value: '402653' }, // extremeMemoryMonitorSystemFree (KB)
  ];
  files.set('health-xos.snmprec', toSnmprec([...render(dev), ...extra]));
}

{
  // health-f5: a BIG-IP i4800 reading device health from F5-BIGIP-SYSTEM-MIB (TMM memory, chassis and
  // CPU temperatures, fans, PSUs, failover and sync states) and HOST-RESOURCES-MIB processors.
  const dev = nbrDevice(0xf5b1, { sysDescr: 'Linux f5-lb1 3.10.0-862.14.4.el7.ve.x86_64 #1 SMP Mon Nov 15 2021 x86_64', sysObjectID: '1.3.6.1.4.1.3375.2.1.3.4.123', sysName: 'health-f5', sysServices: 78 }, [
    { ifIndex: 1, descr: '1.1', name: '1.1', speedBps: 1e10, mac: '00940a000001' },
  ]);
  const SYS = '1.3.6.1.4.1.3375.2.1'; // F5-BIGIP-SYSTEM-MIB
  const extra = [
    { oid: '1.3.6.1.2.1.25.3.2.1.3.196608', type: T.OctetString, value: 'Intel Xeon E3-1240' }, // hrDeviceDescr
    { oid: '1.3.6.1.2.1.25.3.3.1.2.196608', type: T.Integer, value: 18 }, // hrProcessorLoad
    { oid: `${SYS}.1.2.1.44.0`, type: T.Counter64, value: 12_884_901_888n }, // sysStatMemoryTotal (bytes)
    { oid: `${SYS}.1.2.1.45.0`, type: T.Counter64, value: 3_221_225_472n }, // sysStatMemoryUsed
    { oid: `${SYS}.3.2.1.2.1.2.1`, type: T.Integer, value: 1 }, // sysChassisFanStatus good(1)
    { oid: `${SYS}.3.2.1.2.1.2.2`, type: T.Integer, value: 0 }, // bad(0)
    { oid: `${SYS}.3.2.1.2.1.3.1`, type: T.Integer, value: 10_800 }, // sysChassisFanSpeed (rpm)
    { oid: `${SYS}.3.2.1.2.1.3.2`, type: T.Integer, value: 0 },
    { oid: `${SYS}.3.2.2.2.1.2.1`, type: T.Integer, value: 1 }, // sysChassisPowerSupplyStatus good(1)
    { oid: `${SYS}.3.2.2.2.1.2.2`, type: T.Integer, value: 2 }, // notpresent(2)
    { oid: `${SYS}.3.2.3.2.1.2.1`, type: T.Integer, value: 31 }, // sysChassisTempTemperature (°C)
    { oid: `${SYS}.3.6.2.1.2.1.1`, type: T.Integer, value: 49 }, // sysCpuSensorTemperature slot 1 cpu 1
    { oid: `${SYS}.14.1.1.0`, type: T.Integer, value: 3 }, // sysCmSyncStatusId inSync(3)
    { oid: `${SYS}.14.3.1.0`, type: T.Integer, value: 4 }, // sysCmFailoverStatusId active(4)
    { oid: `${SYS}.14.3.3.0`, type: T.Integer, value: 0 }, // sysCmFailoverStatusColor green(0)
  ];
  files.set('health-f5.snmprec', toSnmprec([...render(dev), ...extra]));
}

{
  // health-dell-os9: a Dell S4048-ON (Networking OS9 / FTOS S-series) reading device health from
  // F10-S-SERIES-CHASSIS-MIB (CPU, memory utilisation, temperature of stack unit 1) and
  // DELL-NETWORKING-CHASSIS-MIB (two PSUs, one absent; a fan tray; stack unit status).
  const dev = nbrDevice(0xde11, { sysDescr: 'Dell Real Time Operating System Software. Dell Operating System Version: 2.0. Dell Application Software Version: 9.14(2.6)', sysObjectID: '1.3.6.1.4.1.6027.1.3.23', sysName: 'health-dell-os9', sysServices: 6 }, [
    { ifIndex: 2097156, descr: 'TenGigabitEthernet 1/1', name: 'Te 1/1', speedBps: 1e10, mac: '4c7625000001' },
  ]);
  const F10 = '1.3.6.1.4.1.6027.3';
  const NET = '1.3.6.1.4.1.6027.3.26.1'; // DELL-NETWORKING-CHASSIS-MIB
  const extra = [
    { oid: `${F10}.10.1.2.2.1.14.1`, type: T.Gauge32, value: 39 }, // chStackUnitTemp (°C)
    { oid: `${F10}.10.1.2.9.1.2.1`, type: T.Gauge32, value: 4 }, // chStackUnitCpuUtil5Sec
    { oid: `${F10}.10.1.2.9.1.5.1`, type: T.Gauge32, value: 27 }, // chStackUnitMemUsageUtil (%)
    { oid: `${NET}.3.4.1.8.1.1`, type: T.Integer, value: 1 }, // dellNetStackUnitStatus ok(1)
    { oid: `${NET}.4.6.1.4.1.1.1`, type: T.Integer, value: 1 }, // dellNetPowerSupplyOperStatus up(1)
    { oid: `${NET}.4.6.1.4.1.1.2`, type: T.Integer, value: 3 }, // absent(3)
    { oid: `${NET}.4.6.1.10.1.1.1`, type: T.Gauge32, value: 148 }, // dellNetPowerSupplyUsage (W)
    { oid: `${NET}.4.6.1.10.1.1.2`, type: T.Gauge32, value: 0 },
    { oid: `${NET}.4.7.1.4.1.1.1`, type: T.Integer, value: 1 }, // dellNetFanTrayOperStatus up(1)
  ];
  files.set('health-dell-os9.snmprec', toSnmprec([...render(dev), ...extra]));
}

{
  // health-awplus: an Allied Telesis x930 (AlliedWare Plus) reading device health from AT-SYSINFO-MIB
  // (CPU per stack member) and AT-ENVMONv2-MIB (fans, voltages, temperatures, PSU bay sensors).
  const dev = nbrDevice(0xa7a7, { sysDescr: 'Allied Telesis router/switch, AW+ v5.5.2-2.3', sysObjectID: '1.3.6.1.4.1.207.1.14.185', sysName: 'health-awplus', sysServices: 6 }, [
    { ifIndex: 5001, descr: 'port1.0.1', name: 'port1.0.1', speedBps: 1e9, mac: '001aeb000001' },
  ]);
  const ENV = '1.3.6.1.4.1.207.8.4.4.3.12'; // AT-ENVMONv2-MIB
  const extra = [
    { oid: '1.3.6.1.4.1.207.8.4.4.3.3.8.1.4.1', type: T.Gauge32, value: 6 }, // cpuUtilisationStackAvgLastMinute, member 1
    { oid: `${ENV}.1.1.4.1.1.1`, type: T.OctetString, value: 'Fan 1' }, // atEnvMonv2FanDescription
    { oid: `${ENV}.1.1.4.1.1.2`, type: T.OctetString, value: 'Fan 2' },
    { oid: `${ENV}.1.1.5.1.1.1`, type: T.Gauge32, value: 7_100 }, // atEnvMonv2FanCurrentSpeed (rpm)
    { oid: `${ENV}.1.1.5.1.1.2`, type: T.Gauge32, value: 0 }, // stopped: no fanspeed sensor
    { oid: `${ENV}.1.1.7.1.1.1`, type: T.Integer, value: 2 }, // atEnvMonv2FanStatus good(2)
    { oid: `${ENV}.1.1.7.1.1.2`, type: T.Integer, value: 1 }, // failed(1)
    { oid: `${ENV}.2.1.4.1.1.1`, type: T.OctetString, value: 'Voltage: 3.3V' }, // atEnvMonv2VoltageDescription
    { oid: `${ENV}.2.1.5.1.1.1`, type: T.Integer, value: 3_312 }, // atEnvMonv2VoltageCurrent (mV)
    { oid: `${ENV}.2.1.8.1.1.1`, type: T.Integer, value: 2 }, // atEnvMonv2VoltageStatus inRange(2)
    { oid: `${ENV}.3.1.4.1.1.1`, type: T.OctetString, value: 'Temp: CPU' }, // atEnvMonv2TemperatureDescription
    { oid: `${ENV}.3.1.4.1.1.2`, type: T.OctetString, value: 'Temp: Unused' },
    { oid: `${ENV}.3.1.5.1.1.1`, type: T.Integer, value: 55 }, // atEnvMonv2TemperatureCurrent (°C)
    { oid: `${ENV}.3.1.5.1.1.2`, type: T.Integer, value: -128 }, // no reading
    { oid: `${ENV}.3.1.7.1.1.1`, type: T.Integer, value: 2 }, // atEnvMonv2TemperatureStatus inRange(2)
    { oid: `${ENV}.3.1.7.1.1.2`, type: T.Integer, value: 2 },
    { oid: `${ENV}.4.2.1.5.1.1.1.1`, type: T.OctetString, value: 'PSU 1 Power' }, // atEnvMonv2PsbSensorDescription
    { oid: `${ENV}.4.2.1.6.1.1.1.1`, type: T.Integer, value: 2 }, // atEnvMonv2PsbSensorStatus good(2)
  ];
  files.set('health-awplus.snmprec', toSnmprec([...render(dev), ...extra]));
}

{
  // health-checkpoint: a Check Point 6200 (Gaia) reading device health from CHECKPOINT-MIB: hardware
  // sensors (text values) with out-of-range flags, a RAID volume, cluster status, SecureXL, two tunnels.
  const dev = nbrDevice(0xc4e7, { sysDescr: 'Linux gw-6200 3.10.0-957.21.3cpx86_64 #1 SMP Tue Jan 28 17:26:12 IST 2020 x86_64', sysObjectID: '1.3.6.1.4.1.2620.1.6.123.1.67', sysName: 'health-checkpoint', sysServices: 78 }, [
    { ifIndex: 1, descr: 'eth1', name: 'eth1', speedBps: 1e9, mac: '001c7f000001' },
  ]);
  const CP = '1.3.6.1.4.1.2620';
  const HW = `${CP}.1.6.7.8`; // CHECKPOINT-MIB::sensorInfo
  const extra = [
    { oid: `${CP}.1.5.101.0`, type: T.Integer, value: 0 }, // haStatCode OK(0)
    { oid: `${CP}.1.36.1.1.0`, type: T.Integer, value: 1 }, // fwSXLStatus enabled(1)
    { oid: `${CP}.1.6.7.7.1.1.6.1.0`, type: T.Integer, value: 0 }, // raidVolumeState optimal(0)
  ];
  // entry, index, name, value (text), status (0 in range, 1 out of range)
  for (const [entry, i, name, value, status] of [['1.1', '1.0', 'CPU Temperature', '38.0', 0], ['2.1', '1.0', 'CPU Fan', '3375', 0], ['3.1', '1.0', 'Voltage 12V', '11.98', 0], ['3.1', '2.0', 'Voltage 3.3V', '3.71', 1]]) {
    extra.push({ oid: `${HW}.${entry}.2.${i}`, type: T.OctetString, value: name }); // ...SensorName
    extra.push({ oid: `${HW}.${entry}.3.${i}`, type: T.OctetString, value }); // ...SensorValue
    extra.push({ oid: `${HW}.${entry}.6.${i}`, type: T.Integer, value: status }); // ...SensorStatus
  }
  // tunnelTable by peer address and type: peer IP, name, state (3 up, 131 down)
  for (const [i, ip, name, st] of [['198.51.100.20.1', '198.51.100.20', 'branch-gw-1', 3], ['203.0.113.44.1', '203.0.113.44', 'partner-gw', 131]]) {
    extra.push({ oid: `${CP}.500.9002.1.1.${i}`, type: T.IpAddress, value: ip }); // tunnelPeerIpAddr
    extra.push({ oid: `${CP}.500.9002.1.2.${i}`, type: T.OctetString, value: name }); // tunnelPeerObjName
    extra.push({ oid: `${CP}.500.9002.1.3.${i}`, type: T.Integer, value: st }); // tunnelState
  }
  files.set('health-checkpoint.snmprec', toSnmprec([...render(dev), ...extra]));
}

// ---------------------------------------------------------------------------------------------
// Write fixtures and the README.

mkdirSync(outDir, { recursive: true });
for (const [name, text] of files) writeFileSync(join(outDir, name), text);

const readme = `# snmprec fixtures

Generated by \`scripts/gen-fixtures.mjs\` (seeded, deterministic); regenerate with \`npm run fixtures\`.
Never edit by hand. Community in snmpsim = file name without \`.snmprec\`. Each \`-later\` file is the
same device 60 s later (sysUpTime + 6000 ticks) unless said otherwise.

- \`switch-hc.snmprec\` — Cisco 2960-X access switch: 24 Gi + 2 Te + Vlan1 + Null0 + Loopback0, full system group (sysServices 2), ifTable + ifXTable; Gi1/0/20-21 admin down, Gi1/0/5, 12, 17, 23 oper down; Te1/0/1 ifHCInOctets ≥ 2^63, Te1/0/2 ifHCOutOctets = 2^64 − 1000.
- \`switch-hc-later.snmprec\` — the same switch 60 s later; counters advanced by speed-consistent deltas; Te1/0/2 ifHCOutOctets wraps past 2^64 − 1.
- \`router-32.snmprec\` — Cisco 1841 router (sysServices 78): ifTable only, no ifXTable, 32-bit counters only.
- \`router-32-later.snmprec\` — 60 s later; FastEthernet0/0 ifInOctets wraps past 2^32 − 1.
- \`reboot-before.snmprec\` — Juniper EX2300 switch, long uptime, large counters.
- \`reboot-after.snmprec\` — the same switch after a reboot: sysUpTime 1500, every counter restarted from small values.
- \`hc-partial.snmprec\` — Aruba 2930F: ifXTable with HC octet columns but no HC packet columns; ifIndex 3's ifHCIn/OutOctets are 0.
- \`hc-partial-later.snmprec\` — 60 s later; ifIndex 3's HC octets still 0 while its ifInOctets/ifOutOctets move.
- \`ifindex-swap.snmprec\` — Ubiquiti UniFi switch, eth0-eth5 at ifIndex 1-6.
- \`ifindex-swap-later.snmprec\` — 60 s later, ifIndex 3 now names eth7 (other ifName/ifDescr/ifPhysAddress) with much larger counters: a naive poller writes a spike.
- \`discontinuity.snmprec\` — MikroTik RB4011, ether1-5 + bridge, ifCounterDiscontinuityTime 0 everywhere.
- \`discontinuity-later.snmprec\` — 60 s later; ifIndex 2's ifCounterDiscontinuityTime changes (its counters were cleared).
- \`nbr-core.snmprec\`, \`nbr-access.snmprec\`, \`nbr-dist.snmprec\`, \`nbr-edge.snmprec\` — a network wired by LLDP/CDP:
  nbr-core Te1/1/1 (ifIndex 1) ↔ nbr-access Gi1/0/25 (ifIndex 10125), LLDP; nbr-core Te1/1/2 (2) ↔ nbr-edge
  Gi0/0/1 (2), CDP; nbr-core Te1/1/3 (3) ↔ nbr-dist Gi0/26 (1026), LLDP. nbr-core: lldpRemLocalPortNum = ifIndex,
  timeMark 18000, nbr-dist's management address IPv6 only; nbr-access: dot1dBasePort 25 → ifIndex 10125 (ifIndex 25
  is Po25); nbr-dist: only lldpLocPortDesc matches (lldpLocPortId is the shared switch MAC); nbr-edge: CDP only.
- \`wl-controller.snmprec\` — Cisco 5520 WLC (AIRESPACE-WIRELESS-MIB): bsnAPTable with 4 APs indexed by MAC
  (ap-lobby, ap-floor1, ap-floor2 associated; ap-store disassociating, without radio rows), bsnAPIfTable slot 0
  (dot11b) and 1 (dot11a) per associated AP with channel, tx power level (1-8) and bsnApIfNoOfUsers,
  bsnAPIfLoadParametersTable (utilisation %, clients), bsnAPIfChannelNoiseInfoTable (dBm per scanned channel),
  bsnDot11EssTable with 3 SSIDs (corp, guest, iot) and their client counts.
- \`wl-ap.snmprec\` — a lone UniFi AP (UBNT-UniFi-MIB): unifiRadioTable ng/na (index 0, 1) with channel use,
  unifiVapTable with SSIDs office and visitors on each radio (4 VAPs, index 0-3) with channel, clients, tx power.
- \`wl-ptp.snmprec\` — one end of a Ubiquiti airFiber 24 link (UBNT-AirFIBER-MIB, sysObjectID 1.3.6.1.4.1.10002.1):
  tx/rx frequency in kHz, tx power, rx power per chain (dBm), rx/tx capacity (bit/s), distance (m), link state.
- \`health-ent.snmprec\` — Arista 7050 switch with standard health MIBs: two hrProcessorTable rows (17 %, 4 %) named by
  hrDeviceDescr, hrStorage RAM (8,000,000 × 1 KiB, 3,000,000 used) and a flash disk, ENTITY-SENSOR-MIB: CPU temperature
  41.5 °C (precision 1), fan 5312 rpm, PSU 1 output 11.96 V (milli), PSU 2 voltage unavailable, a truth value.
- \`health-arubaos.snmprec\` — Aruba 7210 controller: wlsxSysExtProcessorTable (3 %, 5 %, 12 %), wlsxSysXMemoryTable 3 985 360 KB
  with 1 545 212 KB used, 4 VPN users.
- \`health-awplus.snmprec\` — Allied Telesis x930 (AT-SYSINFO-MIB, AT-ENVMONv2-MIB): member 1 CPU 6 %, fan 1 good at 7100 rpm,
  fan 2 failed at 0 rpm, 3.312 V in range, CPU 55 °C, an unused sensor at −128, PSU bay sensor good.
- \`health-checkpoint.snmprec\` — Check Point 6200 (CHECKPOINT-MIB): CPU 38.0 °C, CPU fan 3375 rpm, 11.98 V and 3.71 V (3.3V rail
  out of range), RAID optimal, cluster status OK, SecureXL enabled, tunnels to branch-gw-1 (up) and partner-gw (down).
- \`health-comware.snmprec\` — HPE 5130 (Comware 7, H3C MIBs): Slot 1 module with CPU 9 %, memory 38 % of 1 GiB, 44 °C; sensor
  entity Hotspot 1 at 51 °C; chassis and subcard without readings (65535); transceivers on XGE1/0/25 (admin up: Tx −2.41,
  Rx −5.87 dBm, 33 °C, 3.28 V, 6.12 mA) and XGE1/0/26 (admin down); fans 1 active / 2 deactive, PSUs 1 active / 2 not-install.
- \`health-icx.snmprec\` — Ruckus ICX 7150 (FOUNDRY-SN-AGENT-MIB): snAgentCpuUtilTable slot 1 CPU 1 at the 1/5/60/300 s intervals
  (300 s: 12.34 %), DRAM 512 MiB with 322 122 547 B free, temperatures 41.5 / 50.5 °C (half degrees), optics as text on
  GigabitEthernet1/2/1 (31.5 °C, Tx −5.2287, Rx −6.0206 dBm, 5.632 mA) and "N/A" on 1/2/2, PSU 1 normal / 2 other, fan normal,
  stacking disabled.
- \`health-xos.snmprec\` — Extreme X440-G2 (ExtremeXOS): 5-minute CPU 7 % (text, as the MIB's DisplayString), memory 1 048 576 KB
  with 402 653 KB free, 43 °C, fans 101/102 at 6200/6350 rpm, 74.5 W.
- \`health-dell-os9.snmprec\` — Dell S4048-ON (OS9, F10-S-SERIES-CHASSIS-MIB): unit 1 CPU 4 %, memory 27 %, 39 °C;
  DELL-NETWORKING-CHASSIS-MIB PSU 1.1.1 up at 148 W, PSU 1.1.2 absent, fan tray 1.1.1 up, stack unit 1.1 ok.
- \`health-f5.snmprec\` — F5 BIG-IP i4800: hrProcessorLoad 18 %, TMM memory 3 of 12 GiB (Counter64), chassis 31 °C, CPU 49 °C,
  fan 1 good at 10 800 rpm, fan 2 bad at 0 rpm, PSU 1 good / 2 not present, failover active, in sync, colour green.
- \`health-fortigate.snmprec\` — FortiGate 100F (FORTINET-FORTIGATE-MIB): fgSysCpuUsage 23 %, two fgProcessorTable cores (31 %, 14 %),
  fgSysMemUsage 61 % of fgSysMemCapacity 8 000 000 KB, fgHwSensorTable alarms (PS2 Status in alarm), two IPsec tunnels
  (branch-a up, branch-b down), SSL-VPN enabled with 7 users and 5 tunnels, 1 IPsec tunnel up.
- \`health-huawei.snmprec\` — Huawei S5735 (HUAWEI-ENTITY-EXTENT-MIB): MPU Board 0 with CPU 12 %, memory 47 % of 1024 MB, 41 °C,
  12.05 V; a power card without CPU; XGigabitEthernet0/0/1 SFP (36 °C, 3.29 V, 6.12 mA, Rx −5.32 / Tx −2.18 dBm), 0/0/2
  without diagnostics (mode notSupported); fan 0.0 normal, 0.1 abnormal; HUAWEI-ENERGYMNGT-MIB 38.5 W average, 41.2 W now.
- \`health-cisco.snmprec\` — Catalyst 9300 with Cisco health MIBs: cpmCPUTotalTable (5minRev 8 %), cempMemPoolTable
  (Processor: 64-bit 5 GiB used / 3 GiB free, the 32-bit column saturated; reserve pool 32-bit only), CISCO-ENVMON-MIB
  inlet 29 °C normal, fans normal / critical, PSU A normal, PSU B notPresent; CISCO-ENTITY-SENSOR-MIB optics
  −23.01 / −1.52 dBm.
- \`crawl-seed.snmprec\`, \`crawl-peer.snmprec\` — two switches for the neighbour crawl test, each advertising the other
  by LLDP with a loopback management address: crawl-seed Gi1/0/1 (1) ↔ crawl-peer Gi1/0/48 (48); crawl-seed sees
  crawl-peer at 127.0.0.3, crawl-peer sees crawl-seed at 127.0.0.2. Serve each from its own snmpsimd on that address,
  same port, same community, so the peer answers the seed's credentials.
`;
writeFileSync(join(outDir, 'README.md'), readme);

// ---------------------------------------------------------------------------------------------
// src/mib/iana-iftype.ts: IANAifType numbers → names, read from mibs/IANAifType-MIB.mib, so the
// poller names ifTypes without loading the MIB store.

{
  const mib = readFileSync(join(root, 'mibs/IANAifType-MIB.mib'), 'utf8');
  const start = mib.indexOf('IANAifType ::= TEXTUAL-CONVENTION');
  const open = mib.indexOf('{', mib.indexOf('SYNTAX', start));
  const close = mib.indexOf('}', open);
  const body = mib
    .slice(open + 1, close)
    .split('\n')
    .map((line) => line.replace(/--.*$/, ''))
    .join('\n');
  const entries = [...body.matchAll(/([a-zA-Z][\w-]*)\s*\(\s*(\d+)\s*\)/g)].map((m) => [Number(m[2]), m[1]]);
  entries.sort((a, b) => a[0] - b[0]);
  const lastUpdated = /LAST-UPDATED\s+"(\d+)Z"/.exec(mib)?.[1] ?? 'unknown';
  const ts = `/** IANAifType number → name, generated from mibs/IANAifType-MIB.mib (LAST-UPDATED ${lastUpdated}Z) by scripts/gen-fixtures.mjs. Do not edit. */

/** IANAifType-MIB::IANAifType enumeration (${entries.length} values). */
export const IANA_IF_TYPES: ReadonlyMap<number, string> = new Map<number, string>([
${entries.map(([n, name]) => `  [${n}, '${name}'],`).join('\n')}
]);

/** \`6\` → \`ethernetCsmacd\`; an unknown number comes back as its decimal text. */
export function ifTypeName(n: number): string {
  return IANA_IF_TYPES.get(n) ?? String(n);
}
`;
  writeFileSync(join(root, 'src/mib/iana-iftype.ts'), ts);
}

console.log(`wrote ${files.size} snmprec files to ${outDir} and src/mib/iana-iftype.ts`);
