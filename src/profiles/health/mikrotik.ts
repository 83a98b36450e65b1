/**
 * MikroTik RouterOS and SwOS: MIKROTIK-MIB health scalars (mtxrHealth), the RouterOS 7 gauge
 * table, SFP diagnostics (mtxrOpticalTable), PoE per port (mtxrPOETable), DHCP leases.
 * Processors and memory come from HOST-RESOURCES-MIB. MIKROTIK-MIB states no licence: not shipped.
 */
import { col, type HealthProfile } from './types.js';

const SOURCE = 'not shipped (no licence stated); https://download.mikrotik.com (mikrotik.mib) or netdisco-mibs mikrotik/';
const HL = '1.3.6.1.4.1.14988.1.1.3';
const OPT = '1.3.6.1.4.1.14988.1.1.19.1.1';
const POE = '1.3.6.1.4.1.14988.1.1.15.1.1';
const GAUGE = `${HL}.100.1`;

const scalar = (index: string, cls: string, descr: string, oid: string, mib: string, divisor?: number) => ({
  name: 'sensor',
  index,
  tags: { class: cls },
  texts: { descr },
  columns: { value: col(oid, mib, divisor === undefined ? { conversion: 'integer' as const } : { conversion: 'integer' as const, divisor }) },
});

const opticalName = { name: col(`${OPT}.2`, 'MIKROTIK-MIB::mtxrOpticalName', { role: 'hidden', conversion: 'text' }) };
const optical = (column: number, obj: string, cls: string, what: string, divisor?: number) => ({
  name: 'sensor',
  table: 'mtxrOpticalTable',
  indexLength: 1,
  columns: { ...opticalName, value: col(`${OPT}.${column}`, `MIKROTIK-MIB::${obj}`, divisor === undefined ? { conversion: 'integer' as const } : { conversion: 'integer' as const, divisor }) },
  tags: { class: cls, index: `sfp${what === '' ? '' : `-${what.toLowerCase().replace(/ /g, '-')}`}.{index}` },
  texts: { descr: what === '' ? '{name}' : `{name} ${what}` },
});

const poeName = { name: col(`${POE}.2`, 'MIKROTIK-MIB::mtxrPOEName', { role: 'hidden', conversion: 'text' }) };
const poe = (column: number, obj: string, cls: string, divisor: number) => ({
  name: 'sensor',
  table: 'mtxrPOETable',
  indexLength: 1,
  columns: { ...poeName, value: col(`${POE}.${column}`, `MIKROTIK-MIB::${obj}`, { conversion: 'integer', divisor }) },
  tags: { class: cls, index: 'poe.{index}' },
  texts: { descr: '{name} POE' },
});

/** RouterOS 7 mtxrGaugeUnit → class and the divisor to its unit. */
const GAUGE_CLASSES = { '1': 'temperature', '2': 'fanspeed', '3': 'voltage', '4': 'current', '5': 'power' };

export const MIKROTIK: HealthProfile = {
  name: 'mikrotik',
  mib: 'MIKROTIK-MIB',
  source: SOURCE,
  shipped: false,
  match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.14988'] },
  scalars: [
    scalar('voltage', 'voltage', 'Voltage', `${HL}.8.0`, 'MIKROTIK-MIB::mtxrHlVoltage', 10),
    scalar('temperature', 'temperature', 'Temperature', `${HL}.10.0`, 'MIKROTIK-MIB::mtxrHlTemperature', 10),
    scalar('cpu', 'temperature', 'CPU temperature', `${HL}.11.0`, 'MIKROTIK-MIB::mtxrHlProcessorTemperature', 10),
    scalar('power', 'power', 'Power', `${HL}.12.0`, 'MIKROTIK-MIB::mtxrHlPower', 10),
    scalar('current', 'current', 'Current', `${HL}.13.0`, 'MIKROTIK-MIB::mtxrHlCurrent', 1000),
    scalar('fan1', 'fanspeed', 'Fan 1', `${HL}.17.0`, 'MIKROTIK-MIB::mtxrHlFanSpeed1'),
    scalar('fan2', 'fanspeed', 'Fan 2', `${HL}.18.0`, 'MIKROTIK-MIB::mtxrHlFanSpeed2'),
    scalar('dhcp-leases', 'count', 'DHCP Lease Count', '1.3.6.1.4.1.14988.1.1.6.1.0', 'MIKROTIK-MIB::mtxrDHCPLeaseCount'),
  ],
  tables: [
    optical(6, 'mtxrOpticalTemperature', 'temperature', ''),
    optical(7, 'mtxrOpticalSupplyVoltage', 'voltage', '', 1000),
    optical(8, 'mtxrOpticalTxBiasCurrent', 'current', 'Tx Bias', 1000),
    optical(9, 'mtxrOpticalTxPower', 'dbm', 'Tx', 1000),
    optical(10, 'mtxrOpticalRxPower', 'dbm', 'Rx', 1000),
    poe(4, 'mtxrPOEVoltage', 'voltage', 10),
    poe(5, 'mtxrPOECurrent', 'current', 1000),
    poe(6, 'mtxrPOEPower', 'power', 10),
    {
      name: 'sensor',
      table: 'mtxrGaugeTable',
      indexLength: 1,
      columns: {
        descr: col(`${GAUGE}.2`, 'MIKROTIK-MIB::mtxrGaugeName', { conversion: 'text' }),
        class: col(`${GAUGE}.4`, 'MIKROTIK-MIB::mtxrGaugeUnit', { role: 'tag', conversion: 'enum', enum: GAUGE_CLASSES }),
        // Units 3–5 are in tenths (dV, dA, dW); °C and rpm are whole.
        tenths: col(`${GAUGE}.4`, 'MIKROTIK-MIB::mtxrGaugeUnit', { role: 'hidden', conversion: 'enum', enum: { '1': '0', '2': '0', '3': '1', '4': '1', '5': '1' } }),
        value: col(`${GAUGE}.3`, 'MIKROTIK-MIB::mtxrGaugeValue', { conversion: 'integer', precisionFrom: 'tenths' }),
      },
      tags: { index: 'gauge.{index}' },
      filters: [{ column: 'class', present: true }],
    },
  ],
};
