/** Wireless vocabulary shared by profiles, discovery, the poller, storage and the API (CONTRACT.md `GET /devices/:id/wireless`). Imports nothing. */

/** Sensor classes and their units, fixed by CONTRACT.md: Grafana and scripts read them without knowing the vendor. */
export const WIRELESS_SENSOR_UNITS = {
  clients: '',
  'ap-count': '',
  frequency: 'MHz',
  channel: '',
  power: 'dBm',
  rssi: 'dBm',
  snr: 'dB',
  'noise-floor': 'dBm',
  utilization: '%',
  rate: 'bit/s',
  capacity: '%',
  distance: 'km',
  ccq: '%',
  quality: '%',
  mse: 'dB',
  xpi: 'dB',
  errors: '',
  'error-rate': '',
  rsrp: 'dBm',
  rsrq: 'dB',
  sinr: 'dB',
  cell: '',
} as const;
export type WirelessSensorClass = keyof typeof WIRELESS_SENSOR_UNITS;
export const WIRELESS_SENSOR_CLASSES = Object.keys(WIRELESS_SENSOR_UNITS) as readonly WirelessSensorClass[];

/** One wireless figure of a device, after the profile's scaling (tenths of dB → dB, kHz → MHz, …). */
export interface WirelessSensor {
  readonly class: WirelessSensorClass;
  /** Stable within the device and class: the table index, an SSID, `total`, … */
  readonly index: string;
  readonly descr: string;
  readonly value: number;
  /** WIRELESS_SENSOR_UNITS[class]. */
  readonly unit: string;
}

export interface WirelessRadio {
  readonly index: string;
  readonly band?: '2.4GHz' | '5GHz' | '6GHz' | '60GHz' | string;
  readonly frequencyMHz?: number;
  readonly channel?: number;
  readonly clients?: number;
  readonly txPowerDbm?: number;
  readonly noiseFloorDbm?: number;
  /** Channel utilisation, percent. */
  readonly utilization?: number;
}

export interface WirelessSsid {
  readonly ssid: string;
  readonly clients: number;
}

/** An access point: one managed by a controller, or the device itself (a lone AP or a point-to-point radio). */
export interface WirelessAp {
  readonly name: string;
  readonly mac?: string;
  /** `up`/`down` or the vendor's word for it. */
  readonly status?: string;
  readonly clients: number;
  readonly radios: readonly WirelessRadio[];
  readonly ssids: readonly WirelessSsid[];
}

/** What one wireless poll of one device produced (CONTRACT.md `GET /devices/:id/wireless`, without `role`). */
export interface WirelessReport {
  readonly aps: readonly WirelessAp[];
  readonly sensors: readonly WirelessSensor[];
}
