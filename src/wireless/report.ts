/**
 * Pure part of the wireless engine: the rows and scalars one poll read, and the profiles that
 * describe them → a WirelessReport (APs with radios and SSIDs, flat sensors with CONTRACT units).
 */
import { WIRELESS_SENSOR_UNITS, type WirelessAp, type WirelessRadio, type WirelessReport, type WirelessSensor, type WirelessSsid } from '../model/wireless.js';
import { SOURCE_UNITS, type IndexFormat, type NumberField, type Scaling, type WirelessProfile, type WirelessRole, type WirelessTableSpec } from '../profiles/wireless/types.js';
import { asMac } from '../snmp/values.js';

/** A cell as read: text (numbers arrive as their decimal text) or the raw octets of a `mac` column. */
export type CellValue = string | Buffer;

export interface ReadRow {
  readonly index: readonly number[];
  readonly indexOid: string;
  readonly values: Readonly<Record<string, CellValue | undefined>>;
}

/** What one poll read for one profile: scalar values by OID, table rows by table name. */
export interface ProfileReading {
  readonly profile: WirelessProfile;
  readonly scalars: ReadonlyMap<string, CellValue>;
  readonly tables: ReadonlyMap<string, readonly ReadRow[]>;
}

export interface ReportContext {
  readonly role: WirelessRole;
  /** The name a lone AP or a bridge reports itself under (sysName). */
  readonly deviceName: string;
}

const NUMBER = /^\s*[-+]?\d+(\.\d+)?\s*$/;

/** A cell as a number: decimal text (also from an OCTET STRING, as some radios send figures); null otherwise. */
export function cellNumber(v: CellValue | undefined): number | null {
  if (v === undefined || Buffer.isBuffer(v) || !NUMBER.test(v)) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function cellText(v: CellValue | undefined): string {
  if (v === undefined) return '';
  return Buffer.isBuffer(v) ? asMac(v) : v;
}

/** raw × multiplier ÷ divisor in the source unit → the CONTRACT unit; 12 significant digits (no 0.30000000000000004). */
export function scaleValue(raw: number, s: Scaling): number {
  const factor = s.from === undefined ? 1 : SOURCE_UNITS[s.from].factor;
  const v = ((raw * (s.multiplier ?? 1)) / (s.divisor ?? 1)) * factor;
  return Number(v.toPrecision(12));
}

const PRINTABLE = /^[\x20-\x7e]*$/;

/** The row index as the profile says it reads (see IndexFormat); falls back to the dotted form when it does not fit. */
export function formatIndex(index: readonly number[], indexOid: string, format: IndexFormat = 'dotted'): string {
  switch (format) {
    case 'dotted':
      return indexOid;
    case 'mac': {
      if (index.length < 6 || index.slice(0, 6).some((n) => n > 255)) return indexOid;
      const mac = index
        .slice(0, 6)
        .map((n) => n.toString(16).padStart(2, '0'))
        .join(':');
      return index.length > 6 ? `${mac}.${index.slice(6).join('.')}` : mac;
    }
    case 'string':
    case 'implied-string': {
      const [len, ...rest] = index;
      const chars = format === 'string' ? (len === rest.length ? rest : null) : index;
      if (chars === null || chars.length === 0 || chars.some((n) => n > 255)) return indexOid;
      const text = String.fromCharCode(...chars);
      return PRINTABLE.test(text) ? text : indexOid;
    }
  }
}

function render(template: string, index: string, values: Readonly<Record<string, CellValue | undefined>>): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => (key === 'index' ? index : cellText(values[key])));
}

function numberField(field: NumberField | undefined, values: Readonly<Record<string, CellValue | undefined>>): number | undefined {
  if (field === undefined) return undefined;
  const spec = typeof field === 'string' ? { column: field } : field;
  const raw = cellNumber(values[spec.column]);
  return raw === null ? undefined : scaleValue(raw, spec);
}

/** Band from a frequency in MHz (IEEE 802.11 and 802.11ad/ay allocations). */
export function bandOf(frequencyMHz: number | undefined): string | undefined {
  if (frequencyMHz === undefined) return undefined;
  if (frequencyMHz >= 2400 && frequencyMHz < 2500) return '2.4GHz';
  if (frequencyMHz >= 4900 && frequencyMHz < 5925) return '5GHz';
  if (frequencyMHz >= 5925 && frequencyMHz <= 7125) return '6GHz';
  if (frequencyMHz >= 57000 && frequencyMHz <= 71000) return '60GHz';
  return undefined;
}

interface ApDraft {
  name: string;
  mac?: string;
  status?: string;
  clients?: number;
  radios: WirelessRadio[];
  ssids: Map<string, number>;
}

const keyOf = (row: ReadRow, length: number | undefined): string => (length === undefined ? row.indexOid : row.index.slice(0, length).join('.'));
const restOf = (row: ReadRow, length: number | undefined): string => (length === undefined || length >= row.index.length ? row.indexOid : row.index.slice(length).join('.'));

function addSsid(map: Map<string, number>, ssid: string, clients: number): void {
  map.set(ssid, (map.get(ssid) ?? 0) + clients);
}

function radioOf(spec: NonNullable<WirelessTableSpec['radio']>, index: string, values: Readonly<Record<string, CellValue | undefined>>): WirelessRadio | null {
  const freqColumn = spec.frequency === undefined ? undefined : typeof spec.frequency === 'string' ? spec.frequency : spec.frequency.column;
  const rawFreq = freqColumn === undefined ? null : cellNumber(values[freqColumn]);
  if (rawFreq !== null && spec.skipFrequency?.includes(rawFreq) === true) return null;
  const frequencyMHz = numberField(spec.frequency, values);
  let band: string | undefined;
  if (spec.band !== undefined) {
    const raw = values[spec.band];
    const n = cellNumber(raw);
    const text = cellText(raw);
    band = n !== null && spec.bandWords !== undefined ? (spec.bandWords[n] ?? String(n)) : (spec.bandWords?.[text] ?? (text || undefined));
  }
  band ??= bandOf(frequencyMHz);
  const radio: Record<string, unknown> = { index };
  const put = (k: keyof WirelessRadio, v: unknown): void => {
    if (v !== undefined) radio[k] = v;
  };
  put('band', band);
  put('frequencyMHz', frequencyMHz);
  put('channel', numberField(spec.channel, values));
  put('clients', numberField(spec.clients, values));
  put('txPowerDbm', numberField(spec.txPower, values));
  put('noiseFloorDbm', numberField(spec.noiseFloor, values));
  put('utilization', numberField(spec.utilization, values));
  return radio as unknown as WirelessRadio;
}

/**
 * Builds the report. Sensors keep the first (class, index) a profile gives; a later duplicate gets
 * `#2`, `#3` appended, so every figure is kept and each series stays apart.
 */
export function buildWirelessReport(readings: readonly ProfileReading[], ctx: ReportContext): WirelessReport {
  const sensors: WirelessSensor[] = [];
  const seen = new Map<string, number>();
  const addSensor = (s: Omit<WirelessSensor, 'unit'>): void => {
    const key = `${s.class}|${s.index}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    sensors.push({ ...s, index: n === 1 ? s.index : `${s.index}#${n}`, unit: WIRELESS_SENSOR_UNITS[s.class] });
  };

  const aps = new Map<string, ApDraft>();
  const apFor = (key: string): ApDraft => {
    let ap = aps.get(key);
    if (ap === undefined) {
      ap = { name: key, radios: [], ssids: new Map() };
      aps.set(key, ap);
    }
    return ap;
  };
  const self: ApDraft = { name: ctx.deviceName, radios: [], ssids: new Map() };
  let selfClientSensors: number | undefined;

  for (const { profile, scalars, tables } of readings) {
    for (const s of profile.scalars ?? []) {
      const raw = cellNumber(scalars.get(s.oid));
      if (raw === null || s.skip?.includes(raw) === true) continue;
      const value = scaleValue(raw, s);
      addSensor({ class: s.class, index: s.index, descr: s.descr, value });
      if (s.class === 'clients') selfClientSensors = (selfClientSensors ?? 0) + value;
    }
    for (const table of profile.tables ?? []) {
      const rows = tables.get(table.name) ?? [];
      for (const row of rows) {
        const index = formatIndex(row.index, row.indexOid, table.index);
        for (const s of table.sensors ?? []) {
          const raw = cellNumber(row.values[s.column]);
          if (raw === null || s.skip?.includes(raw) === true) continue;
          addSensor({ class: s.class, index: render(s.index ?? '{index}', index, row.values), descr: render(s.descr, index, row.values), value: scaleValue(raw, s) });
        }
        if (table.ap !== undefined) {
          const m = table.ap;
          const ap = apFor(keyOf(row, m.keyLength));
          const name = m.name === undefined ? '' : cellText(row.values[m.name]);
          ap.name = name !== '' ? name : index;
          const mac = m.mac === 'index' ? formatIndex(row.index.slice(0, 6), row.index.slice(0, 6).join('.'), 'mac') : m.mac === undefined ? '' : cellText(row.values[m.mac]);
          if (mac !== '') ap.mac = mac;
          if (m.status !== undefined) {
            const raw = row.values[m.status];
            const n = cellNumber(raw);
            const word = n !== null && m.statusWords !== undefined ? (m.statusWords[n] ?? String(n)) : cellText(raw);
            if (word !== '') ap.status = word;
          }
          const clients = m.clients === undefined ? null : cellNumber(row.values[m.clients]);
          if (clients !== null) ap.clients = clients;
        }
        if (table.radio !== undefined) {
          const radio = radioOf(table.radio, restOf(row, table.radio.apKeyLength), row.values);
          if (radio !== null) {
            // Several tables may describe one radio (Cisco: bsnAPIfTable and bsnAPIfLoadParametersTable): merged by index.
            const radios = (table.radio.apKeyLength === undefined ? self : apFor(keyOf(row, table.radio.apKeyLength))).radios;
            const at = radios.findIndex((r) => r.index === radio.index);
            if (at < 0) radios.push(radio);
            else radios[at] = { ...radios[at], ...radio };
          }
        }
        if (table.ssid !== undefined) {
          const m = table.ssid;
          const ssid = m.ssid === 'index' ? index : cellText(row.values[m.ssid]);
          const clients = cellNumber(row.values[m.clients]);
          if (ssid !== '' && clients !== null) addSsid(m.apKeyLength === undefined ? self.ssids : apFor(keyOf(row, m.apKeyLength)).ssids, ssid, clients);
        }
      }
      for (const a of table.aggregates ?? []) {
        const groups = new Map<string, number>();
        for (const row of rows) {
          const group = a.groupBy === undefined ? '' : cellText(row.values[a.groupBy]);
          if (a.groupBy !== undefined && group === '') continue;
          const add = a.op === 'count' ? 1 : (cellNumber(row.values[a.column ?? '']) ?? 0);
          groups.set(group, (groups.get(group) ?? 0) + add);
        }
        for (const [group, value] of groups) addSensor({ class: a.class, index: a.index.replaceAll('{group}', group), descr: a.descr.replaceAll('{group}', group), value });
      }
    }
  }

  const finish = (ap: ApDraft, fallbackClients?: number): WirelessAp => {
    const ssids: WirelessSsid[] = [...ap.ssids].map(([ssid, clients]) => ({ ssid, clients }));
    const radioClients = ap.radios.some((r) => r.clients !== undefined) ? ap.radios.reduce((n, r) => n + (r.clients ?? 0), 0) : undefined;
    const ssidClients = ssids.length > 0 ? ssids.reduce((n, s) => n + s.clients, 0) : undefined;
    const out: { -readonly [K in keyof WirelessAp]: WirelessAp[K] } = { name: ap.name, clients: ap.clients ?? ssidClients ?? radioClients ?? fallbackClients ?? 0, radios: ap.radios, ssids };
    if (ap.mac !== undefined) out.mac = ap.mac;
    if (ap.status !== undefined) out.status = ap.status;
    return out;
  };
  // A controller lists the APs it manages; its own WLAN-wide figures stay in `sensors`. Anything
  // else is one AP (or one end of a link): itself.
  const list = ctx.role === 'wireless-controller' ? [...aps.values()].map((ap) => finish(ap)) : [finish(self, selfClientSensors), ...[...aps.values()].map((ap) => finish(ap))];
  return { aps: list, sensors };
}
