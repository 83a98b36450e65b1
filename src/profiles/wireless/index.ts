/** Every wireless profile, by the file that defines it (the loader names the file in its errors). Adding a vendor: a file here and a line below. */
import { CAMBIUM_PMP_AP, CAMBIUM_PMP_SM } from './cambium.js';
import { MIKROTIK_60G, MIKROTIK_LTE, MIKROTIK_WIRELESS } from './mikrotik.js';
import { RUCKUS_SMARTZONE, RUCKUS_ZONEDIRECTOR } from './ruckus.js';
import { SIKLU } from './siklu.js';
import type { WirelessProfileFile } from './types.js';
import { UBNT_AF60, UBNT_AFLTU, UBNT_AIRFIBER } from './ubiquiti.js';

export const WIRELESS_PROFILE_FILES: readonly WirelessProfileFile[] = [
  { file: 'src/profiles/wireless/ruckus.ts', profiles: [RUCKUS_SMARTZONE, RUCKUS_ZONEDIRECTOR] },
  { file: 'src/profiles/wireless/mikrotik.ts', profiles: [MIKROTIK_WIRELESS, MIKROTIK_60G, MIKROTIK_LTE] },
  { file: 'src/profiles/wireless/cambium.ts', profiles: [CAMBIUM_PMP_AP, CAMBIUM_PMP_SM] },
  { file: 'src/profiles/wireless/ubiquiti.ts', profiles: [UBNT_AIRFIBER, UBNT_AFLTU, UBNT_AF60] },
  { file: 'src/profiles/wireless/siklu.ts', profiles: [SIKLU] },
];
