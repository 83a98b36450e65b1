/** Unit tests for vendor/role classification from what an agent says about itself. */
import { describe, expect, it } from 'vitest';
import { classifyDevice } from './classify.js';

const base = { sysDescr: '', sysServices: null, ifTypes: [] as number[] };

describe('classifyDevice', () => {
  it('knows a wireless controller from its sysObjectID family', () => {
    expect(classifyDevice({ ...base, sysObjectID: '1.3.6.1.4.1.14179.1.1.4.3' })).toMatchObject({ vendor: 'Cisco', role: 'wireless-controller' });
  });

  it('calls a layer-3 box with many Ethernet ports a switch', () => {
    const r = classifyDevice({ ...base, sysObjectID: '1.3.6.1.4.1.47196.4.1.1.1.1', sysServices: 6, ifTypes: Array(48).fill(6) });
    expect(r).toMatchObject({ vendor: 'HPE Aruba', role: 'switch' });
  });

  it('calls a layer-3 box with few ports a router', () => {
    expect(classifyDevice({ ...base, sysObjectID: '1.3.6.1.4.1.2636.1.1.1.2.21', sysServices: 78, ifTypes: [6, 6, 6, 24] })).toMatchObject({
      vendor: 'Juniper',
      role: 'router',
    });
  });

  it('uses a vendor MIB the agent answers when sysObjectID is the generic Net-SNMP one', () => {
    const r = classifyDevice({ ...base, sysObjectID: '1.3.6.1.4.1.8072.3.2.10', answeredProbes: ['1.3.6.1.4.1.41112.1.10'] });
    expect(r).toMatchObject({ vendor: 'Ubiquiti', role: 'wireless-ap' });
  });

  it('calls a point-to-point radio a wireless bridge', () => {
    expect(classifyDevice({ ...base, sysObjectID: '1.3.6.1.4.1.31926' })).toMatchObject({ vendor: 'Siklu', role: 'wireless-bridge' });
    expect(classifyDevice({ ...base, sysObjectID: '1.3.6.1.4.1.41112', answeredProbes: ['1.3.6.1.4.1.41112.1.11'] })).toMatchObject({ vendor: 'Ubiquiti', role: 'wireless-bridge' });
  });

  it('calls a box with radios and one uplink an access point', () => {
    expect(classifyDevice({ ...base, sysObjectID: '1.3.6.1.4.1.99999.1', ifTypes: [6, 71, 71] })).toMatchObject({ vendor: null, role: 'wireless-ap' });
  });

  it('falls back to other when nothing says what it is', () => {
    expect(classifyDevice({ ...base, sysObjectID: '' })).toEqual({ vendor: null, role: 'other', reason: 'no rule matched' });
  });
});

describe('classifyDevice with radios', () => {
  it('calls a RouterOS box with radios and one Ethernet port an access point', () => {
    expect(classifyDevice({ sysObjectID: '1.3.6.1.4.1.14988.1', sysDescr: 'RouterOS cAP ac', sysServices: 78, ifTypes: [6, 71, 71] })).toMatchObject({ role: 'wireless-ap' });
  });

  it('keeps a RouterOS router with radios and several Ethernet ports a router', () => {
    expect(classifyDevice({ sysObjectID: '1.3.6.1.4.1.14988.1', sysDescr: 'router', sysServices: 78, ifTypes: [71, 71, 6, 6, 6, 6, 6, 209] })).toMatchObject({ role: 'router' });
  });
});
