/** The demo network's content, read through each device's agent (no sockets) under a fake clock. */
import { describe, expect, it } from 'vitest';
import { SnmpType, type VarBind } from '../snmp/types.js';
import { Tag, decodeMessage, encodeMessage } from '../snmp/ber.js';
import { SnmpAgent } from './agent/snmp-agent.js';
import { createDemoNetwork, demoDeviceDefinitions, type DemoDevice, type DemoNetwork } from './network.js';
import { Secret } from '../model/secret.js';
import type { SystemInfo } from '../model/types.js';
import type { WirelessReport } from '../model/wireless.js';
import { FakeAgent, FakeSnmpClient } from '../snmp/fake-client.js';
import { planWireless, pollWireless, type WirelessPlan } from '../wireless/engine.js';
import { planHealth, pollHealth } from '../health/engine.js';
import type { HealthReport } from '../model/health.js';
import { AF_STATUS, BSN_AP, BSN_AP_IF, BSN_ESS, CDP_CACHE, IF_ENTRY, IFX_ENTRY, LLDP_LOC, LLDP_REM, MTXR_WL_AP, SYSTEM, UNIFI_VAP } from './oids.js';

/** Wednesday 10:00 UTC. */
const START = Date.UTC(2025, 0, 15, 10, 0, 0);

function fakeNetwork(): { net: DemoNetwork; clock: { now: number }; agents: Map<string, SnmpAgent> } {
  const clock = { now: START };
  const net = createDemoNetwork({ clock: () => clock.now, basePort: 0 });
  const agents = new Map(
    net.devices.map((d) => [d.name, new SnmpAgent({ view: d.view, communities: d.communities, clock: () => clock.now, maxMessageSize: 65000 })]),
  );
  return { net, clock, agents };
}

function request(agent: SnmpAgent, pduType: number, oids: readonly string[], maxRepetitions = 0): VarBind[] {
  const raw = agent.handle(
    encodeMessage({ version: 1, community: 'public', pduType, requestId: 1, errorIndex: maxRepetitions, varbinds: oids.map((oid) => ({ oid })) }),
  );
  if (raw === null) throw new Error('agent did not answer');
  return [...decodeMessage(raw).varbinds];
}

function get(agent: SnmpAgent, oid: string): VarBind['value'] {
  return request(agent, Tag.GetRequest, [oid])[0]?.value ?? null;
}

/** GETBULK walk of one subtree; keys are the index part after the root. */
function walk(agent: SnmpAgent, root: string): Map<string, VarBind> {
  const out = new Map<string, VarBind>();
  let cursor = root;
  for (;;) {
    const vbs = request(agent, Tag.GetBulkRequest, [cursor], 50);
    for (const vb of vbs) {
      if (!vb.oid.startsWith(`${root}.`) || vb.type === SnmpType.EndOfMibView) return out;
      out.set(vb.oid.slice(root.length + 1), vb);
      cursor = vb.oid;
    }
  }
}

function text(v: VarBind['value'] | undefined): string {
  return Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
}

/** ifName → ifIndex of a device, from its ifXTable. */
function ifIndexByName(agent: SnmpAgent): Map<string, number> {
  return new Map([...walk(agent, IFX_ENTRY.ifName)].map(([idx, vb]) => [text(vb.value), Number(idx)]));
}

function agentOf(agents: Map<string, SnmpAgent>, name: string): SnmpAgent {
  const a = agents.get(name);
  if (a === undefined) throw new Error(`no agent ${name}`);
  return a;
}

/** The device's enterprise subtree copied into a FakeAgent, then read by the real wireless engine and profiles. */
async function wirelessOf(agent: SnmpAgent, sysObjectID: string): Promise<{ plan: WirelessPlan; report: WirelessReport }> {
  const fake = new FakeAgent();
  for (const vb of walk(agent, '1.3.6.1.4.1').values()) fake.set(vb.oid, vb.type, vb.value);
  const snmp = new FakeSnmpClient();
  snmp.addAgent('127.0.0.1', fake);
  const session = snmp.open({ host: '127.0.0.1', port: 161, credentials: { version: '2c', community: new Secret('public') }, timeoutMs: 100, retries: 0, maxRepetitions: 25 });
  const system: SystemInfo = { sysDescr: '', sysObjectID, sysUpTimeTicks: 1, sysContact: '', sysName: '', sysLocation: '', sysServices: null };
  const plan = await planWireless(session, system);
  if (plan === null) throw new Error('no wireless profile fits');
  return { plan, report: await pollWireless(session, plan) };
}

/** The device's mib-2 and enterprise subtrees in a FakeAgent, read by the real health engine and profiles. */
async function healthOf(agent: SnmpAgent, sysObjectID: string): Promise<{ profiles: readonly string[]; report: HealthReport }> {
  const fake = new FakeAgent();
  for (const root of ['1.3.6.1.2.1.25', '1.3.6.1.2.1.47', '1.3.6.1.2.1.99', '1.3.6.1.4.1']) for (const vb of walk(agent, root).values()) fake.set(vb.oid, vb.type, vb.value);
  const snmp = new FakeSnmpClient();
  snmp.addAgent('127.0.0.1', fake);
  const session = snmp.open({ host: '127.0.0.1', port: 161, credentials: { version: '2c', community: new Secret('public') }, timeoutMs: 100, retries: 0, maxRepetitions: 25 });
  const plan = await planHealth(session, { sysObjectID });
  if (plan === null) throw new Error('no health profile fits');
  return { profiles: plan.profiles, report: await pollHealth(session, plan) };
}

describe('demo network', () => {
  it('has two routers, three access switches, two APs, a wireless controller and two PtP radios with real vendor sysObjectIDs', () => {
    const { net, agents } = fakeNetwork();
    const summary = net.devices.map((d: DemoDevice) => {
      const a = agentOf(agents, d.name);
      return [d.name, d.role, get(a, `${SYSTEM.sysObjectID}.0`), get(a, `${SYSTEM.sysServices}.0`)];
    });
    expect(summary).toEqual([
      ['core-rtr1', 'router', '1.3.6.1.4.1.9.1.1861', 78],
      ['core-rtr2', 'router', '1.3.6.1.4.1.9.1.1861', 78],
      ['access-sw1', 'switch', '1.3.6.1.4.1.9.1.1208', 2],
      ['access-sw2', 'switch', '1.3.6.1.4.1.2636.1.1.1.2.132', 2],
      ['access-sw3', 'switch', '1.3.6.1.4.1.9.1.324', 2],
      ['ap-lobby', 'wireless-ap', '1.3.6.1.4.1.41112.1.6', 2],
      ['ap-floor2', 'wireless-ap', '1.3.6.1.4.1.14988.1', 2],
      ['wlc-1', 'wireless-controller', '1.3.6.1.4.1.9.1.2170', 6],
      ['ptp-hq', 'wireless-bridge', '1.3.6.1.4.1.10002.1', 2],
      ['ptp-depot', 'wireless-bridge', '1.3.6.1.4.1.10002.1', 2],
    ]);
  });

  it('gives the inventory one v2c definition per device', () => {
    const { net } = fakeNetwork();
    const defs = demoDeviceDefinitions(net);
    expect(defs).toHaveLength(10);
    expect(defs[0]).toEqual({ name: 'core-rtr1', role: 'router', host: '127.0.0.1', port: 0, community: 'public', version: '2c' });
  });

  it('has exactly two ports that are admin up but oper down: the printer on access-sw2 and the faulty cross-connect on access-sw3', () => {
    const { net, agents } = fakeNetwork();
    const down: string[] = [];
    for (const d of net.devices) {
      const a = agentOf(agents, d.name);
      const admin = walk(a, IF_ENTRY.ifAdminStatus);
      const oper = walk(a, IF_ENTRY.ifOperStatus);
      const alias = walk(a, IFX_ENTRY.ifAlias);
      for (const [idx, vb] of admin) if (vb.value === 1 && oper.get(idx)?.value === 2) down.push(`${d.name}:${text(alias.get(idx)?.value)}`);
    }
    expect(down).toEqual(['access-sw2:printer 2F', 'access-sw3:cross-connect to access-sw1 (faulty cable)']);
  });

  it('mirrors every LLDP remote entry on the neighbour, port for port', () => {
    const { net, agents } = fakeNetwork();
    let entries = 0;
    for (const d of net.devices) {
      const a = agentOf(agents, d.name);
      const localPortId = walk(a, LLDP_LOC.lldpLocPortId);
      const sysNames = walk(a, LLDP_REM.lldpRemSysName);
      for (const [idx, vb] of sysNames) {
        entries++;
        const [, localPort] = idx.split('.');
        const peer = agentOf(agents, text(vb.value));
        const remotePortId = walk(a, LLDP_REM.lldpRemPortId).get(idx)?.value as Buffer;
        // Find the peer's local port whose port id we saw, then its remote entry must name us and our port.
        const peerPort = [...walk(peer, LLDP_LOC.lldpLocPortId)].find(([, p]) => (p.value as Buffer).equals(remotePortId))?.[0];
        expect(peerPort, `${d.name} sees a port ${String(remotePortId)} on ${text(vb.value)}`).toBeDefined();
        const back = [...walk(peer, LLDP_REM.lldpRemSysName)].find(([i]) => i.split('.')[1] === peerPort);
        expect(back && text(back[1].value)).toBe(d.name);
        const backPortId = walk(peer, LLDP_REM.lldpRemPortId).get(back?.[0] ?? '')?.value as Buffer;
        expect(backPortId.equals(localPortId.get(localPort ?? '')?.value as Buffer)).toBe(true);
      }
    }
    // 13 links (the faulty one and the airFiber hop included: its entries live out their hold time), both ends each.
    expect(entries).toBe(26);
  });

  it('mirrors CDP between Cisco neighbours, naming the remote port in full', () => {
    const { agents } = fakeNetwork();
    const rtr1 = agentOf(agents, 'core-rtr1');
    const sw1 = agentOf(agents, 'access-sw1');
    const rtr1Ports = ifIndexByName(rtr1);
    const sw1Ports = ifIndexByName(sw1);
    expect(text(get(rtr1, `${CDP_CACHE.cdpCacheDeviceId}.${rtr1Ports.get('Te0/0/0')}.1`))).toBe('access-sw1');
    expect(text(get(rtr1, `${CDP_CACHE.cdpCacheDevicePort}.${rtr1Ports.get('Te0/0/0')}.1`))).toBe('TenGigabitEthernet1/0/1');
    expect(text(get(sw1, `${CDP_CACHE.cdpCacheDeviceId}.${sw1Ports.get('Te1/0/1')}.1`))).toBe('core-rtr1');
    expect(text(get(sw1, `${CDP_CACHE.cdpCacheDevicePort}.${sw1Ports.get('Te1/0/1')}.1`))).toBe('TenGigabitEthernet0/0/0');
    // No CDP towards the Juniper switch or the APs.
    expect(walk(agentOf(agents, 'access-sw2'), CDP_CACHE.cdpCacheDeviceId).size).toBe(0);
    expect([...walk(sw1, CDP_CACHE.cdpCacheDeviceId).values()].map((v) => text(v.value)).sort()).toEqual(['access-sw3', 'core-rtr1', 'core-rtr2']);
  });

  it('runs the core-rtr1 → access-sw1 uplink hot (85–95 %) and counts the same octets at both ends', () => {
    const { clock, agents } = fakeNetwork();
    const rtr1 = agentOf(agents, 'core-rtr1');
    const sw1 = agentOf(agents, 'access-sw1');
    const out = `${IFX_ENTRY.ifHCOutOctets}.${ifIndexByName(rtr1).get('Te0/0/0')}`;
    const inn = `${IFX_ENTRY.ifHCInOctets}.${ifIndexByName(sw1).get('Te1/0/1')}`;
    for (let step = 0; step < 24; step++) {
      const a0 = get(rtr1, out) as bigint;
      const b0 = get(sw1, inn) as bigint;
      clock.now += 60_000;
      const a1 = get(rtr1, out) as bigint;
      const b1 = get(sw1, inn) as bigint;
      const util = (Number(a1 - a0) * 8) / 60 / 10e9;
      expect(util).toBeGreaterThan(0.85);
      expect(util).toBeLessThan(0.95);
      // Same flow, counted from two boot times: equal up to the flooring of each running total.
      expect(Number(b1 - b0 - (a1 - a0))).toBeGreaterThanOrEqual(-1);
      expect(Number(b1 - b0 - (a1 - a0))).toBeLessThanOrEqual(1);
      clock.now += 3600_000 - 60_000;
    }
  });

  it('follows the day: a desk port moves more at 14:00 than at 02:00', () => {
    const { clock, agents } = fakeNetwork();
    const sw1 = agentOf(agents, 'access-sw1');
    const oid = `${IFX_ENTRY.ifHCOutOctets}.${ifIndexByName(sw1).get('Gi1/0/3')}`;
    const rateAt = (hourUtc: number): number => {
      clock.now = Date.UTC(2025, 0, 16, hourUtc, 0, 0);
      const a = get(sw1, oid) as bigint;
      clock.now += 300_000;
      return Number((get(sw1, oid) as bigint) - a) / 300;
    };
    const night = rateAt(2);
    const afternoon = rateAt(14);
    expect(afternoon).toBeGreaterThan(night * 2);
    expect((afternoon * 8) / 1e9).toBeLessThan(0.3);
  });

  it('serves no HC counters on access-sw3, whose 32-bit octet counters wrap within minutes', () => {
    const { clock, agents } = fakeNetwork();
    const sw3 = agentOf(agents, 'access-sw3');
    expect(walk(sw3, IFX_ENTRY.ifHCInOctets).size).toBe(0);
    expect(walk(sw3, IFX_ENTRY.ifName).size).toBeGreaterThan(20);
    const uplink = ifIndexByName(sw3).get('Gi0/1');
    let prev = get(sw3, `${IF_ENTRY.ifInOctets}.${uplink}`) as bigint;
    let wrapAtS: number | null = null;
    for (let s = 10; s <= 300 && wrapAtS === null; s += 10) {
      clock.now = START + s * 1000;
      const cur = get(sw3, `${IF_ENTRY.ifInOctets}.${uplink}`) as bigint;
      expect(cur).toBeLessThan(2n ** 32n);
      if (cur < prev) {
        wrapAtS = s;
        // The wrapped delta is what a poller computes: modest, below 50 % of 1G over 10 s.
        const delta = cur + 2n ** 32n - prev;
        expect(Number(delta) * 8 / 10 / 1e9).toBeLessThan(0.5);
      }
      prev = cur;
    }
    expect(wrapAtS).not.toBeNull();
    expect(wrapAtS as number).toBeLessThanOrEqual(240);
  });

  it('keeps HC counters monotonic and deterministic for a given clock', () => {
    const a = fakeNetwork();
    const b = fakeNetwork();
    const rtr = agentOf(a.agents, 'core-rtr2');
    const oids = [...walk(rtr, IFX_ENTRY.ifHCInOctets).keys()].map((i) => `${IFX_ENTRY.ifHCInOctets}.${i}`);
    let last = oids.map(() => -1n);
    for (let t = 0; t < 50; t++) {
      a.clock.now = START + t * 7_000;
      b.clock.now = a.clock.now;
      const now = oids.map((o) => get(rtr, o) as bigint);
      now.forEach((v, i) => expect(v).toBeGreaterThanOrEqual(last[i] as bigint));
      expect(oids.map((o) => get(agentOf(b.agents, 'core-rtr2'), o))).toEqual(now);
      last = now;
    }
  });

  it('restarts sysUpTime and counters on a simulated reboot', () => {
    const { net, clock, agents } = fakeNetwork();
    const rtr = agentOf(agents, 'core-rtr1');
    const oid = `${IFX_ENTRY.ifHCInOctets}.${ifIndexByName(rtr).get('Te0/0/0')}`;
    expect(get(rtr, `${SYSTEM.sysUpTime}.0`) as number).toBeGreaterThan(40 * 86400 * 100);
    const before = get(rtr, oid) as bigint;
    clock.now += 1000;
    net.device('core-rtr1').reboot();
    clock.now += 5000;
    expect(get(rtr, `${SYSTEM.sysUpTime}.0`)).toBe(500);
    const after = get(rtr, oid) as bigint;
    expect(after).toBeLessThan(before);
    expect(after).toBeLessThan(BigInt(5 * 10e9));
  });

  it('reports wireless clients per SSID and radio that follow the day', () => {
    const { clock, agents } = fakeNetwork();
    const lobby = agentOf(agents, 'ap-lobby');
    const floor2 = agentOf(agents, 'ap-floor2');
    const total = (): number =>
      [...walk(lobby, UNIFI_VAP.unifiVapNumStations).values()].reduce((s, v) => s + (v.value as number), 0) +
      [...walk(floor2, MTXR_WL_AP.mtxrWlApClientCount).values()].reduce((s, v) => s + Number(v.value), 0);
    expect([...walk(lobby, UNIFI_VAP.unifiVapEssId).values()].map((v) => text(v.value))).toEqual(['corp', 'guest', 'corp', 'guest']);
    expect([...walk(floor2, MTXR_WL_AP.mtxrWlApSsid).values()].map((v) => text(v.value))).toEqual(['corp', 'corp']);
    clock.now = Date.UTC(2025, 0, 16, 3, 0, 0);
    const night = total();
    clock.now = Date.UTC(2025, 0, 16, 14, 0, 0);
    const day = total();
    expect(day).toBeGreaterThan(night + 20);
    expect(day).toBeLessThan(120);
  });

  it('serves a controller whose APs, radios and SSIDs the Cisco WLC profile reads, one AP disassociating without radios', async () => {
    const { clock, agents } = fakeNetwork();
    const wlc = agentOf(agents, 'wlc-1');
    expect([...walk(wlc, BSN_AP.bsnAPName).values()].map((v) => text(v.value)).sort()).toEqual(['ap-canteen', 'ap-floor3', 'ap-meeting-1', 'ap-warehouse']);
    // bsnAPIfTable index = 6 MAC sub-identifiers + slot; 3 associated APs × 2 slots.
    const types = walk(wlc, BSN_AP_IF.bsnAPIfType);
    expect([...types.keys()].every((k) => k.split('.').length === 7)).toBe(true);
    expect(types.size).toBe(6);

    clock.now = Date.UTC(2025, 0, 16, 14, 0, 0);
    const { plan, report } = await wirelessOf(wlc, '1.3.6.1.4.1.9.1.2170');
    expect(plan).toEqual({ role: 'wireless-controller', profiles: ['cisco-wlc'] });
    expect(report.aps.map((a) => [a.name, a.status, a.radios.length]).sort()).toEqual([
      ['ap-canteen', 'associated', 2],
      ['ap-floor3', 'associated', 2],
      ['ap-meeting-1', 'associated', 2],
      ['ap-warehouse', 'disassociating', 0],
    ]);
    const canteen = report.aps.find((a) => a.name === 'ap-canteen');
    expect(canteen?.radios.map((r) => [r.band, r.channel])).toEqual([
      ['2.4GHz', 1],
      ['5GHz', 52],
    ]);
    for (const r of canteen?.radios ?? []) expect(r.utilization).toBeGreaterThan(6);
    // The SSID counts and the radio counts are two views of the same clients.
    const ssidTotal = [...walk(wlc, BSN_ESS.bsnDot11EssNumberOfMobileStations).values()].reduce((s, v) => s + Number(v.value), 0);
    const radioTotal = report.aps.flatMap((a) => a.radios).reduce((s, r) => s + (r.clients ?? 0), 0);
    expect(ssidTotal).toBe(radioTotal);
    expect(report.sensors.find((x) => x.class === 'clients' && x.index === 'total')?.value).toBe(radioTotal);
    expect(report.sensors.filter((x) => x.index.startsWith('ssid.')).map((x) => x.descr)).toEqual(['SSID: corp', 'SSID: guest', 'SSID: iot']);

    clock.now = Date.UTC(2025, 0, 16, 3, 0, 0);
    const night = (await wirelessOf(wlc, '1.3.6.1.4.1.9.1.2170')).report.aps.flatMap((a) => a.radios).reduce((s, r) => s + (r.clients ?? 0), 0);
    expect(radioTotal).toBeGreaterThan(night + 30);
  });

  it('serves an airFiber pair whose crossed frequencies, rssi and capacity the airFiber profile reads, each end seeing the other', async () => {
    const { clock, agents } = fakeNetwork();
    const hq = agentOf(agents, 'ptp-hq');
    const depot = agentOf(agents, 'ptp-depot');
    clock.now = Date.UTC(2025, 0, 16, 14, 0, 0);
    const { plan, report } = await wirelessOf(hq, '1.3.6.1.4.1.10002.1');
    expect(plan).toEqual({ role: 'wireless-bridge', profiles: ['ubnt-airfiber'] });
    const sensor = (cls: string, index: string): number | undefined => report.sensors.find((x) => x.class === cls && x.index === index)?.value;
    expect(sensor('frequency', 'tx.1')).toBe(24_100);
    expect(sensor('frequency', 'rx.1')).toBe(24_200);
    expect(sensor('power', 'tx.1')).toBe(20);
    const rssi0 = sensor('rssi', 'chain0.1') ?? 0;
    expect(rssi0).toBeLessThanOrEqual(-47);
    expect(rssi0).toBeGreaterThan(-53);
    expect(sensor('rssi', 'chain1.1')).toBeLessThanOrEqual(-49);
    expect(sensor('rate', 'rx.1')).toBeGreaterThan(500e6);
    expect(report.aps.flatMap((a) => a.radios).map((r) => [r.frequencyMHz, r.txPowerDbm])).toEqual([[24_100, 20]]);
    // The far end: what hq sends at, depot receives at; what depot receives, hq reports as remote.
    expect(get(depot, `${AF_STATUS.remoteRXPower0}.1`)).toBe(get(hq, `${AF_STATUS.rxPower0}.1`));
    expect(get(hq, `${AF_STATUS.txCapacity}.1`)).toBe(get(depot, `${AF_STATUS.rxCapacity}.1`));
    // The received level moves over the day.
    const levels = new Set<unknown>();
    for (let h = 0; h < 24; h += 3) {
      clock.now = Date.UTC(2025, 0, 16, h, 0, 0);
      levels.add(get(hq, `${AF_STATUS.rxPower0}.1`));
    }
    expect(levels.size).toBeGreaterThan(1);
  });

  it('gives the routers, switches and APs CPU, memory and sensors the health profiles read, following the day', async () => {
    const { net, clock, agents } = fakeNetwork();
    const sysObjectID = (name: string): string => String(get(agentOf(agents, name), `${SYSTEM.sysObjectID}.0`));
    clock.now = Date.UTC(2025, 0, 16, 14, 0, 0);
    const rtr = await healthOf(agentOf(agents, 'core-rtr1'), sysObjectID('core-rtr1'));
    expect(rtr.profiles).toEqual(['cisco-process', 'cisco-enhanced-mempool', 'cisco-entity-sensor', 'cisco-envmon']);
    expect(rtr.report.processors).toHaveLength(1);
    expect(rtr.report.memory.map((m) => m.descr)).toEqual(['Chassis - Processor', 'Chassis - I/O']);
    expect(new Set(rtr.report.sensors.map((s) => s.class))).toEqual(new Set(['dbm', 'fanspeed', 'power', 'temperature', 'state']));
    const sw = await healthOf(agentOf(agents, 'access-sw1'), sysObjectID('access-sw1'));
    expect(sw.report.sensors.filter((s) => s.class === 'state').map((s) => [s.descr, s.status])).toEqual([
      ['Fan 1', 'normal'],
      ['Fan 2', 'normal'],
      ['Power Supply A', 'normal'],
      ['Power Supply B', 'warning'],
    ]);
    const ex = await healthOf(agentOf(agents, 'access-sw2'), sysObjectID('access-sw2'));
    expect(ex.profiles).toEqual(['juniper']);
    expect(ex.report.processors.map((p) => p.descr).sort()).toEqual(['FPC: EX2300-48P @ 0/*/*', 'Routing Engine 0']);
    // The fan tray reports 0 °C: no sensor there.
    expect(ex.report.sensors.map((s) => s.value).sort()).toEqual([42, 47]);
    const ap = await healthOf(agentOf(agents, 'ap-floor2'), sysObjectID('ap-floor2'));
    expect(ap.profiles).toEqual(['mikrotik', 'hr-processor', 'hr-memory']);
    expect(ap.report.memory[0]?.totalBytes).toBe(128 * 1024 * 1024);
    expect(ap.report.sensors.map((s) => s.class).sort()).toEqual(['temperature', 'voltage']);
    const day = rtr.report.processors[0]?.usage ?? 0;
    clock.now = Date.UTC(2025, 0, 16, 3, 0, 0);
    const night = (await healthOf(agentOf(agents, 'core-rtr1'), sysObjectID('core-rtr1'))).report.processors[0]?.usage ?? 0;
    expect(day).toBeGreaterThan(night);
    expect(net.devices.length).toBe(10);
  });

  it('links the controller and the PtP radios into the LLDP topology', () => {
    const { agents } = fakeNetwork();
    const names = (dev: string): string[] => [...walk(agentOf(agents, dev), LLDP_REM.lldpRemSysName).values()].map((v) => text(v.value)).sort();
    expect(names('wlc-1')).toEqual(['core-rtr1']);
    expect(names('ptp-hq')).toEqual(['core-rtr2', 'ptp-depot']);
    expect(names('ptp-depot')).toEqual(['ptp-hq']);
  });
});
