/** Every wireless profile, by the file that defines it (the loader names the file in its errors). Adding a vendor: a file here and a line below. */
import { ARUBA_CONTROLLER, ARUBA_INSTANT } from './aruba.js';
import { CAMBIUM_EPMP_AP, CAMBIUM_EPMP_SM, CAMBIUM_PMP_AP, CAMBIUM_PMP_SM } from './cambium.js';
import { CISCO_WLC } from './cisco.js';
import { IEEE802DOT11 } from './ieee802dot11.js';
import { CERAGON_MWRM } from './microwave.js';
import { MIKROTIK_60G, MIKROTIK_LTE, MIKROTIK_WIRELESS } from './mikrotik.js';
import { MIMOSA } from './mimosa.js';
import { RUCKUS_SMARTZONE, RUCKUS_ZONEDIRECTOR } from './ruckus.js';
import { SIKLU } from './siklu.js';
import type { WirelessProfileFile } from './types.js';
import { UBNT_AF60, UBNT_AFLTU, UBNT_AIRFIBER, UBNT_AIRMAX, UBNT_UNIFI } from './ubiquiti.js';

export const WIRELESS_PROFILE_FILES: readonly WirelessProfileFile[] = [
  { file: 'src/profiles/wireless/cisco.ts', profiles: [CISCO_WLC] },
  { file: 'src/profiles/wireless/aruba.ts', profiles: [ARUBA_CONTROLLER, ARUBA_INSTANT] },
  { file: 'src/profiles/wireless/ruckus.ts', profiles: [RUCKUS_SMARTZONE, RUCKUS_ZONEDIRECTOR] },
  { file: 'src/profiles/wireless/mikrotik.ts', profiles: [MIKROTIK_WIRELESS, MIKROTIK_60G, MIKROTIK_LTE] },
  { file: 'src/profiles/wireless/cambium.ts', profiles: [CAMBIUM_PMP_AP, CAMBIUM_PMP_SM, CAMBIUM_EPMP_AP, CAMBIUM_EPMP_SM] },
  { file: 'src/profiles/wireless/ubiquiti.ts', profiles: [UBNT_AIRFIBER, UBNT_AFLTU, UBNT_AF60, UBNT_UNIFI, UBNT_AIRMAX] },
  { file: 'src/profiles/wireless/mimosa.ts', profiles: [MIMOSA] },
  { file: 'src/profiles/wireless/siklu.ts', profiles: [SIKLU] },
  { file: 'src/profiles/wireless/microwave.ts', profiles: [CERAGON_MWRM] },
  { file: 'src/profiles/wireless/ieee802dot11.ts', profiles: [IEEE802DOT11] },
];
