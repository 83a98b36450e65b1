/** A wireless report → the `wireless` and `wireless_sensor` points of CONTRACT.md. Pure: no I/O, no clock. */
import type { WirelessAp, WirelessReport } from '../model/wireless.js';
import { MEASUREMENT, TAG, WIRELESS_FIELD, WIRELESS_SENSOR_FIELD } from '../storage/schema.js';
import type { FieldValue, Point } from '../storage/types.js';

/**
 * The `ap` tag: the AP's name, else its MAC, else the device name (a lone AP or a bridge that
 * reports itself without a name). InfluxDB drops an empty tag, which would merge rows.
 */
export function apTag(ap: WirelessAp, deviceName: string): string {
  if (ap.name !== '') return ap.name;
  if (ap.mac !== undefined && ap.mac !== '') return ap.mac;
  return deviceName;
}

/** A hidden SSID has no name; an empty tag would vanish, so it is written as `(hidden)`. */
export const HIDDEN_SSID_TAG = '(hidden)';

/** Integer fields must stay integers (InfluxDB rejects a type change): round, and skip what is not finite. */
function int(v: number | undefined): bigint | undefined {
  return v === undefined || !Number.isFinite(v) ? undefined : BigInt(Math.round(v));
}
function float(v: number | undefined): number | undefined {
  return v === undefined || !Number.isFinite(v) ? undefined : v;
}

function fieldsOf(entries: readonly (readonly [string, FieldValue | undefined])[]): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [k, v] of entries) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * One `wireless` point per AP (tags device, ap), per radio (…, radio) and per SSID (…, ssid), and
 * one `wireless_sensor` point per sensor. `timeS` is Unix seconds. A radio without any figure
 * writes no point (a point needs a field).
 */
export function wirelessPoints(deviceName: string, report: WirelessReport, timeS: number): Point[] {
  const points: Point[] = [];
  for (const ap of report.aps) {
    const apName = apTag(ap, deviceName);
    const clients = int(ap.clients);
    if (clients !== undefined) {
      points.push({ measurement: MEASUREMENT.wireless, tags: { [TAG.device]: deviceName, [TAG.ap]: apName }, fields: { [WIRELESS_FIELD.clients]: clients }, time: timeS });
    }
    for (const radio of ap.radios) {
      const fields = fieldsOf([
        [WIRELESS_FIELD.clients, int(radio.clients)],
        [WIRELESS_FIELD.frequency, float(radio.frequencyMHz)],
        [WIRELESS_FIELD.channel, int(radio.channel)],
        [WIRELESS_FIELD.noiseFloor, float(radio.noiseFloorDbm)],
        [WIRELESS_FIELD.utilization, float(radio.utilization)],
        [WIRELESS_FIELD.txPower, float(radio.txPowerDbm)],
      ]);
      if (Object.keys(fields).length === 0) continue;
      points.push({ measurement: MEASUREMENT.wireless, tags: { [TAG.device]: deviceName, [TAG.ap]: apName, [TAG.radio]: radio.index }, fields, time: timeS });
    }
    for (const ssid of ap.ssids) {
      const n = int(ssid.clients);
      if (n === undefined) continue;
      const tag = ssid.ssid === '' ? HIDDEN_SSID_TAG : ssid.ssid;
      points.push({ measurement: MEASUREMENT.wireless, tags: { [TAG.device]: deviceName, [TAG.ap]: apName, [TAG.ssid]: tag }, fields: { [WIRELESS_FIELD.clients]: n }, time: timeS });
    }
  }
  for (const sensor of report.sensors) {
    const value = float(sensor.value);
    if (value === undefined) continue;
    points.push({
      measurement: MEASUREMENT.wirelessSensor,
      tags: { [TAG.device]: deviceName, [TAG.sensorClass]: sensor.class, [TAG.sensorIndex]: sensor.index === '' ? '0' : sensor.index },
      fields: { [WIRELESS_SENSOR_FIELD.value]: value, [WIRELESS_SENSOR_FIELD.descr]: sensor.descr },
      time: timeS,
    });
  }
  return points;
}
