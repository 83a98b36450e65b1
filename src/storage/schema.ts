/** The InfluxDB schema of CONTRACT.md: every measurement, tag and field name defined once, with its field type. */

/*
 * Dashboards and scripts depend on these strings; renaming one forks every series. Field types are
 * fixed too: InfluxDB 1.x rejects a batch ("field type conflict") when a field that was an integer
 * arrives as a float, so each field carries its kind and the `…Fields` types below make the
 * compiler hold the poller to it (integer = bigint, float = number).
 */

export const MEASUREMENT = {
  interface: 'interface',
  device: 'device',
  wireless: 'wireless',
  wirelessSensor: 'wireless_sensor',
  link: 'link',
  deviceHealth: 'device_health',
  sensor: 'sensor',
} as const;
export type MeasurementName = (typeof MEASUREMENT)[keyof typeof MEASUREMENT];

/** Tag keys: identities only, so renaming a port or changing a speed forks no series. */
export const TAG = {
  /** Inventory name of the device. */
  device: 'device',
  /** Host (address) the agent was polled at. */
  agentHost: 'agent_host',
  /** ifName, falling back to ifDescr, then the ifIndex as text. */
  ifName: 'ifName',
  ap: 'ap',
  radio: 'radio',
  ssid: 'ssid',
  /** `wireless_sensor` and `sensor`: the sensor class of CONTRACT.md (`clients`, `rssi`, …; `temperature`, `fanspeed`, …). */
  sensorClass: 'class',
  /** `wireless_sensor`, `sensor`: the sensor's index within its device and class; `device_health`: the processor's or pool's index. */
  sensorIndex: 'index',
  /** `device_health`: `processor` or `memory` (HEALTH_KIND). */
  healthKind: 'kind',
  aDevice: 'a_device',
  aIfName: 'a_ifName',
  bDevice: 'b_device',
  bIfName: 'b_ifName',
} as const;
export type TagKey = (typeof TAG)[keyof typeof TAG];

/** How a field is written: integer = bigint (`…i` in line protocol), float = number. */
export type FieldKind = 'integer' | 'float' | 'string';
interface FieldKindValue {
  integer: bigint;
  float: number;
  string: string;
}
/** The typed field set of a measurement: every field optional (computed ones are absent on a first sample). */
export type FieldsOf<T extends Readonly<Record<string, FieldKind>>> = {
  readonly [K in keyof T]?: FieldKindValue[T[K]];
};

/** Raw IF-MIB counters, named exactly as the MIB objects (64-bit ifXTable first, then 32-bit ifTable). */
export const IF_COUNTER = {
  ifHCInOctets: 'ifHCInOctets',
  ifHCOutOctets: 'ifHCOutOctets',
  ifHCInUcastPkts: 'ifHCInUcastPkts',
  ifHCOutUcastPkts: 'ifHCOutUcastPkts',
  ifHCInMulticastPkts: 'ifHCInMulticastPkts',
  ifHCOutMulticastPkts: 'ifHCOutMulticastPkts',
  ifHCInBroadcastPkts: 'ifHCInBroadcastPkts',
  ifHCOutBroadcastPkts: 'ifHCOutBroadcastPkts',
  ifInOctets: 'ifInOctets',
  ifOutOctets: 'ifOutOctets',
  ifInUcastPkts: 'ifInUcastPkts',
  ifOutUcastPkts: 'ifOutUcastPkts',
  ifInMulticastPkts: 'ifInMulticastPkts',
  ifOutMulticastPkts: 'ifOutMulticastPkts',
  ifInBroadcastPkts: 'ifInBroadcastPkts',
  ifOutBroadcastPkts: 'ifOutBroadcastPkts',
  ifInNUcastPkts: 'ifInNUcastPkts',
  ifOutNUcastPkts: 'ifOutNUcastPkts',
  ifInErrors: 'ifInErrors',
  ifOutErrors: 'ifOutErrors',
  ifInDiscards: 'ifInDiscards',
  ifOutDiscards: 'ifOutDiscards',
  ifInUnknownProtos: 'ifInUnknownProtos',
} as const;
export type IfCounterName = (typeof IF_COUNTER)[keyof typeof IF_COUNTER];

/** `interface` fields: domain name → external field name. */
export const INTERFACE_FIELD = {
  ifIndex: 'ifIndex',
  ifDescr: 'ifDescr',
  ifAlias: 'ifAlias',
  ifType: 'ifType',
  /** Mbit/s, as IF-MIB ifHighSpeed. */
  ifHighSpeed: 'ifHighSpeed',
  ifOperStatus: 'ifOperStatus',
  ifAdminStatus: 'ifAdminStatus',
  ...IF_COUNTER,
  inBps: 'in_bps',
  outBps: 'out_bps',
  /** Percent of ifHighSpeed. */
  inUtilization: 'in_utilization',
  outUtilization: 'out_utilization',
  inErrorsPerSec: 'in_errors_ps',
  outErrorsPerSec: 'out_errors_ps',
  inDiscardsPerSec: 'in_discards_ps',
  outDiscardsPerSec: 'out_discards_ps',
  inPktsPerSec: 'in_pps',
  outPktsPerSec: 'out_pps',
} as const;

const F = INTERFACE_FIELD;
const COUNTER_KINDS = Object.fromEntries(Object.values(IF_COUNTER).map((name) => [name, 'integer'])) as {
  readonly [K in IfCounterName]: 'integer';
};

export const INTERFACE_FIELD_KIND = {
  [F.ifIndex]: 'integer',
  [F.ifDescr]: 'string',
  [F.ifAlias]: 'string',
  [F.ifType]: 'integer',
  [F.ifHighSpeed]: 'integer',
  [F.ifOperStatus]: 'integer',
  [F.ifAdminStatus]: 'integer',
  ...COUNTER_KINDS,
  [F.inBps]: 'float',
  [F.outBps]: 'float',
  [F.inUtilization]: 'float',
  [F.outUtilization]: 'float',
  [F.inErrorsPerSec]: 'float',
  [F.outErrorsPerSec]: 'float',
  [F.inDiscardsPerSec]: 'float',
  [F.outDiscardsPerSec]: 'float',
  [F.inPktsPerSec]: 'float',
  [F.outPktsPerSec]: 'float',
} as const satisfies Readonly<Record<string, FieldKind>>;
export type InterfaceFields = FieldsOf<typeof INTERFACE_FIELD_KIND>;
export type InterfaceTags = {
  readonly [TAG.device]: string;
  readonly [TAG.agentHost]: string;
  readonly [TAG.ifName]: string;
};

/** `device` fields: one row per poll. */
export const DEVICE_FIELD = {
  /** 1 when the agent answered, else 0. */
  up: 'up',
  /** Seconds (sysUpTime is in hundredths; the poller divides). */
  sysUpTime: 'sysUpTime',
  pollMs: 'poll_ms',
  varbinds: 'varbinds',
  requests: 'requests',
  timeouts: 'timeouts',
  discontinuities: 'discontinuities',
  /** Varbinds whose value the agent sent malformed (a Counter64 of 9+ significant bytes); those samples were skipped. */
  badValues: 'bad_values',
} as const;

export const DEVICE_FIELD_KIND = {
  [DEVICE_FIELD.up]: 'integer',
  [DEVICE_FIELD.sysUpTime]: 'integer',
  // Elapsed time comes from performance.now() with sub-ms resolution, so a float.
  [DEVICE_FIELD.pollMs]: 'float',
  [DEVICE_FIELD.varbinds]: 'integer',
  [DEVICE_FIELD.requests]: 'integer',
  [DEVICE_FIELD.timeouts]: 'integer',
  [DEVICE_FIELD.discontinuities]: 'integer',
  [DEVICE_FIELD.badValues]: 'integer',
} as const satisfies Readonly<Record<string, FieldKind>>;
export type DeviceFields = FieldsOf<typeof DEVICE_FIELD_KIND>;
export type DeviceTags = {
  readonly [TAG.device]: string;
  readonly [TAG.agentHost]: string;
};

/** `wireless` fields: per AP, per radio or per SSID (tags `ap`, and `radio` or `ssid`). */
export const WIRELESS_FIELD = {
  clients: 'clients',
  /** MHz. */
  frequency: 'frequency',
  channel: 'channel',
  /** dBm. */
  noiseFloor: 'noise_floor',
  /** Percent of air time. */
  utilization: 'utilization',
  /** dBm. */
  txPower: 'tx_power',
} as const;

export const WIRELESS_FIELD_KIND = {
  [WIRELESS_FIELD.clients]: 'integer',
  // A float: a profile scaling kHz to MHz may give a fraction, and a type once written is fixed.
  [WIRELESS_FIELD.frequency]: 'float',
  [WIRELESS_FIELD.channel]: 'integer',
  [WIRELESS_FIELD.noiseFloor]: 'float',
  [WIRELESS_FIELD.utilization]: 'float',
  [WIRELESS_FIELD.txPower]: 'float',
} as const satisfies Readonly<Record<string, FieldKind>>;
export type WirelessFields = FieldsOf<typeof WIRELESS_FIELD_KIND>;
export type WirelessTags = {
  readonly [TAG.device]: string;
  readonly [TAG.ap]: string;
  readonly [TAG.radio]?: string;
  readonly [TAG.ssid]?: string;
};

/** `wireless_sensor` fields: every entry of the API's wireless `sensors` (tags device, class, index). */
export const WIRELESS_SENSOR_FIELD = {
  /** In the unit CONTRACT.md gives the class (model/wireless.ts WIRELESS_SENSOR_UNITS). */
  value: 'value',
  descr: 'descr',
} as const;

export const WIRELESS_SENSOR_FIELD_KIND = {
  [WIRELESS_SENSOR_FIELD.value]: 'float',
  [WIRELESS_SENSOR_FIELD.descr]: 'string',
} as const satisfies Readonly<Record<string, FieldKind>>;
export type WirelessSensorFields = FieldsOf<typeof WIRELESS_SENSOR_FIELD_KIND>;
export type WirelessSensorTags = {
  readonly [TAG.device]: string;
  readonly [TAG.sensorClass]: string;
  readonly [TAG.sensorIndex]: string;
};

/** `link` fields: one row per merged physical link each poll (tags a_device, a_ifName, b_device, b_ifName). */
export const LINK_FIELD = {
  /** 1 up, 0 down. */
  status: 'status',
  /** Percent, the busier direction. */
  utilization: 'utilization',
  /** Seen from side a. */
  inBps: 'in_bps',
  outBps: 'out_bps',
} as const;

export const LINK_FIELD_KIND = {
  [LINK_FIELD.status]: 'integer',
  [LINK_FIELD.utilization]: 'float',
  [LINK_FIELD.inBps]: 'float',
  [LINK_FIELD.outBps]: 'float',
} as const satisfies Readonly<Record<string, FieldKind>>;
export type LinkFields = FieldsOf<typeof LINK_FIELD_KIND>;
export type LinkTags = {
  readonly [TAG.aDevice]: string;
  readonly [TAG.aIfName]: string;
  readonly [TAG.bDevice]: string;
  readonly [TAG.bIfName]: string;
};

/** `device_health` kinds (tag `kind`). */
export const HEALTH_KIND = { processor: 'processor', memory: 'memory' } as const;

/** `device_health` fields: a processor's `usage`, or a memory pool's bytes and percentage; both with `descr`. */
export const DEVICE_HEALTH_FIELD = {
  /** Processor load, percent. */
  usage: 'usage',
  usedBytes: 'used_bytes',
  totalBytes: 'total_bytes',
  usedPercent: 'used_percent',
  descr: 'descr',
} as const;

export const DEVICE_HEALTH_FIELD_KIND = {
  [DEVICE_HEALTH_FIELD.usage]: 'float',
  [DEVICE_HEALTH_FIELD.usedBytes]: 'integer',
  [DEVICE_HEALTH_FIELD.totalBytes]: 'integer',
  [DEVICE_HEALTH_FIELD.usedPercent]: 'float',
  [DEVICE_HEALTH_FIELD.descr]: 'string',
} as const satisfies Readonly<Record<string, FieldKind>>;
export type DeviceHealthFields = FieldsOf<typeof DEVICE_HEALTH_FIELD_KIND>;
export type DeviceHealthTags = {
  readonly [TAG.device]: string;
  readonly [TAG.healthKind]: string;
  readonly [TAG.sensorIndex]: string;
};

/** `sensor` fields: every entry of the API's health `sensors` (tags device, class, index). */
export const SENSOR_FIELD = {
  /** In the unit CONTRACT.md gives the class (model/health.ts HEALTH_SENSOR_UNITS). */
  value: 'value',
  descr: 'descr',
  /** State as text (`state` sensors, and others where the vendor reports one). */
  status: 'status',
} as const;

export const SENSOR_FIELD_KIND = {
  [SENSOR_FIELD.value]: 'float',
  [SENSOR_FIELD.descr]: 'string',
  [SENSOR_FIELD.status]: 'string',
} as const satisfies Readonly<Record<string, FieldKind>>;
export type SensorFields = FieldsOf<typeof SENSOR_FIELD_KIND>;
export type SensorTags = {
  readonly [TAG.device]: string;
  readonly [TAG.sensorClass]: string;
  readonly [TAG.sensorIndex]: string;
};

/** Every field kind per measurement: for docs, tests and anyone checking a point before it is written. */
export const FIELD_KINDS: Readonly<Record<MeasurementName, Readonly<Record<string, FieldKind>>>> = {
  [MEASUREMENT.interface]: INTERFACE_FIELD_KIND,
  [MEASUREMENT.device]: DEVICE_FIELD_KIND,
  [MEASUREMENT.wireless]: WIRELESS_FIELD_KIND,
  [MEASUREMENT.wirelessSensor]: WIRELESS_SENSOR_FIELD_KIND,
  [MEASUREMENT.link]: LINK_FIELD_KIND,
  [MEASUREMENT.deviceHealth]: DEVICE_HEALTH_FIELD_KIND,
  [MEASUREMENT.sensor]: SENSOR_FIELD_KIND,
};
