/**
 * Every health profile, by the file that defines it, in priority order: where two profiles give a
 * processor, pool or sensor the same index, the earlier wins (vendor before standard). Adding a
 * vendor: a file here and a line below.
 */
import { ALLIED_TELESIS } from './alliedtelesis.js';
import { ARUBAOS } from './aruba.js';
import { CHECKPOINT } from './checkpoint.js';
import { CISCO_ENHANCED_MEMPOOL, CISCO_ENTITY_SENSOR, CISCO_ENVMON, CISCO_MEMORY_POOL, CISCO_PROCESS, CISCO_SB } from './cisco.js';
import { COMWARE } from './comware.js';
import { DELL_FTOS_C, DELL_FTOS_M, DELL_FTOS_S, DELL_FTOS_Z, DELL_NETWORKING } from './dell.js';
import { EXTREME_XOS } from './extreme.js';
import { F5_BIGIP } from './f5.js';
import { FORTIGATE } from './fortinet.js';
import { FOUNDRY } from './foundry.js';
import { HP_PROCURVE } from './hpe.js';
import { HUAWEI_VRP } from './huawei.js';
import { JUNIPER } from './juniper.js';
import { MIKROTIK } from './mikrotik.js';
import { PANOS } from './paloalto.js';
import { CAMBIUM_PMP_HEALTH, SIKLU_HEALTH, TPLINK } from './small-vendors.js';
import { ENTITY_SENSOR, HR_MEMORY, HR_PROCESSOR, UCD_CPU, UCD_MEMORY } from './standard.js';
import type { HealthProfileFile } from './types.js';
import { FROGFOOT, UBNT_AF60_HEALTH, UBNT_AFLTU_HEALTH, UBNT_AIRFIBER_HEALTH } from './ubiquiti.js';

export const HEALTH_PROFILE_FILES: readonly HealthProfileFile[] = [
  { file: 'src/profiles/health/cisco.ts', profiles: [CISCO_PROCESS, CISCO_ENHANCED_MEMPOOL, CISCO_MEMORY_POOL, CISCO_ENTITY_SENSOR, CISCO_ENVMON, CISCO_SB] },
  { file: 'src/profiles/health/juniper.ts', profiles: [JUNIPER] },
  { file: 'src/profiles/health/hpe.ts', profiles: [HP_PROCURVE] },
  { file: 'src/profiles/health/aruba.ts', profiles: [ARUBAOS] },
  { file: 'src/profiles/health/mikrotik.ts', profiles: [MIKROTIK] },
  { file: 'src/profiles/health/paloalto.ts', profiles: [PANOS] },
  { file: 'src/profiles/health/ubiquiti.ts', profiles: [UBNT_AIRFIBER_HEALTH, UBNT_AF60_HEALTH, UBNT_AFLTU_HEALTH, FROGFOOT] },
  { file: 'src/profiles/health/alliedtelesis.ts', profiles: [ALLIED_TELESIS] },
  { file: 'src/profiles/health/checkpoint.ts', profiles: [CHECKPOINT] },
  { file: 'src/profiles/health/comware.ts', profiles: [COMWARE] },
  { file: 'src/profiles/health/dell.ts', profiles: [DELL_FTOS_S, DELL_FTOS_C, DELL_FTOS_M, DELL_FTOS_Z, DELL_NETWORKING] },
  { file: 'src/profiles/health/extreme.ts', profiles: [EXTREME_XOS] },
  { file: 'src/profiles/health/f5.ts', profiles: [F5_BIGIP] },
  { file: 'src/profiles/health/fortinet.ts', profiles: [FORTIGATE] },
  { file: 'src/profiles/health/foundry.ts', profiles: [FOUNDRY] },
  { file: 'src/profiles/health/huawei.ts', profiles: [HUAWEI_VRP] },
  { file: 'src/profiles/health/small-vendors.ts', profiles: [TPLINK, CAMBIUM_PMP_HEALTH, SIKLU_HEALTH] },
  { file: 'src/profiles/health/standard.ts', profiles: [HR_PROCESSOR, HR_MEMORY, UCD_MEMORY, UCD_CPU, ENTITY_SENSOR] },
];
