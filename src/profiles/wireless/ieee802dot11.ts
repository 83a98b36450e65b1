/**
 * The generic IEEE802dot11-MIB (IEEE Std 802.11, Annex C/D; per 802.11 interface by ifIndex):
 * the current channel of each radio. It has no client count; used only when no vendor
 * profile fits. The copies in circulation (e.g. Cisco's) carry a vendor copyright; not shipped:
 * IEEE 802.11 Annex D, or netdisco-mibs rfc/IEEE802dot11-MIB.my.
 */
import type { WirelessProfile } from './types.js';

export const IEEE802DOT11: WirelessProfile = {
  name: 'ieee802dot11',
  mib: 'IEEE802dot11-MIB',
  source: 'not shipped (copies carry vendor copyright); IEEE Std 802.11 Annex D or netdisco-mibs rfc/',
  shipped: false,
  role: 'wireless-ap',
  match: { probes: ['1.2.840.10036.4.5.1', '1.2.840.10036.4.11.1'], fallback: true },
  tables: [
    {
      // dot11CurrentChannel: the DSSS (2.4 GHz) channel number.
      name: 'dot11PhyDSSSTable',
      indexLength: 1,
      columns: { channel: { oid: '1.2.840.10036.4.5.1.1', mib: 'IEEE802dot11-MIB::dot11CurrentChannel' } },
      sensors: [{ class: 'channel', column: 'channel', descr: 'Radio {index} channel (2.4 GHz)', index: 'dsss.{index}' }],
      radio: { channel: 'channel' },
    },
    {
      // dot11CurrentFrequency: despite its name, the OFDM (5 GHz) channel number.
      name: 'dot11PhyOFDMTable',
      indexLength: 1,
      columns: { channel: { oid: '1.2.840.10036.4.11.1.1', mib: 'IEEE802dot11-MIB::dot11CurrentFrequency' } },
      sensors: [{ class: 'channel', column: 'channel', descr: 'Radio {index} channel (5 GHz)', index: 'ofdm.{index}' }],
      radio: { channel: 'channel' },
    },
  ],
};
