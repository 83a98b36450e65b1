/** Fuzz: >1,000 generated bad bodies, params, query strings and headers → every answer 4xx in the error format, inventory unchanged. */
import { seededRandom } from '../../src/demo/traffic.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/model/errors.js';
import { AUTH, errorOf, makeDeviceState, makeInterface, startApi, type Harness } from './api-harness.js';

const prng = seededRandom;

const SEED = 20240501;
const rand = prng(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

const NASTY_STRINGS = [
  '', ' ', 'x'.repeat(70_000), 'y'.repeat(300), '\u0000', '\u202e\u0301', '☃💥𝕏', '\ud800',
  `' OR '1'='1`, `"; DROP TABLE devices; --`, `x' OR 1=1 --`, `1; DELETE FROM devices`,
  `" OR time > 0; DROP MEASUREMENT interface; SELECT * FROM "`, `/.*/`, `\\"\\\\'`, `interface" WHERE 1=1 --`,
  '__proto__', 'constructor', 'prototype', '${7*7}', '{{7*7}}', '<script>alert(1)</script>', '../../etc/passwd',
  '%00', '%', 'NaN', '-1', '1e309', 'null', 'true',
];
const NASTY_VALUES: unknown[] = [
  null, true, false, 0, -1, 1.5, 1e309 === Infinity ? 1e308 : 0, 2 ** 53 + 1, [], [1, 2], {}, { a: 1 }, ...NASTY_STRINGS,
];

function deep(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) v = rand() < 0.5 ? { n: v } : [v];
  return v;
}

function validBody(): Record<string, unknown> {
  return rand() < 0.5
    ? { host: '10.9.9.9', name: 'fuzz-new', snmp: { version: '2c', community: pick(NASTY_STRINGS.filter((s) => s.length > 0 && s.length < 100)) } }
    : { host: '10.9.9.9', snmp: { version: '3', user: 'u', level: 'authPriv', authProtocol: 'sha', authKey: 'aaaaaaaa', privProtocol: 'aes', privKey: 'bbbbbbbb' } };
}

/** A body with at least one definite violation, plus random noise elsewhere. */
function badBody(patch: boolean): unknown {
  const body = validBody();
  const snmp = body['snmp'] as Record<string, unknown>;
  const violations: Array<() => void> = [
    () => { body[pick(['host', 'port', 'name', 'interval'])] = pick(NASTY_VALUES.filter((v) => typeof v !== 'string' || v === '' || v.length > 300)); },
    () => { body['port'] = pick([0, 65536, -1, 1.5, '161', null, 1e9]); },
    () => { body[pick(['colour', 'id', 'createdAt', 'status', 'x'.repeat(200), '__proto__x', 'constructor', 'prototype'])] = pick(NASTY_VALUES); },
    () => { snmp[pick(['version', 'level', 'authProtocol', 'privProtocol'])] = pick([1, 3, null, [], {}, 'v9', 'AUTHPRIV', 'md6']); },
    () => { snmp[pick(['community', 'user', 'authKey'])] = pick([1, null, [], {}, true]); },
    () => { snmp[pick(['foo', 'password', 'token', '__proto__x'])] = pick(NASTY_VALUES); },
    () => { body['snmp'] = pick([null, 'public', 42, [], deep(50)]); },
    // Names may hold any printable character but "/" (sysNames such as "swos_css326-24g-2s+" or "core sw1"); these are not names.
    () => { body['name'] = pick(NASTY_STRINGS.filter((s) => s.length === 0 || s.length > 64 || /[\u0000-\u001f\u007f-\u009f/]/u.test(s) || s.trim() !== s || /^\d+$/.test(s))); },
    () => { body['host'] = pick([`10.0.0.1'; DROP TABLE devices;--`, 'udp://10.0.0.1', '10.0.0.1:161', '999.1.1.1', 'a b', '', '-bad-', 'x'.repeat(300)]); },
    () => { body['interval'] = pick(['0s', '1ms', '2d', 'soon', '-5s', '1h; DROP', '', 60]); },
    () => { body[pick(['host', 'snmp'])] = deep(20 + Math.floor(rand() * 200)); },
    () => { snmp['version'] = '3'; snmp['level'] = pick(['authPriv', 'authNoPriv']); delete snmp['authKey']; delete snmp['privKey']; delete snmp['community']; snmp['user'] = 'u'; },
  ];
  if (!patch) violations.push(() => { delete body[pick(['host', 'snmp'])]; });
  pick(violations)();
  if (rand() < 0.3) pick(violations)();
  return rand() < 0.1 ? pick([[body], 'string', 42, null, true]) : body;
}

interface Case {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string;
}

function json(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

function enc(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    // A lone surrogate has no UTF-8 form: send its raw CESU bytes, which are not valid UTF-8 either.
    return '%ED%A0%80';
  }
}

function badQuery(): string {
  return pick<() => string>([
    () => `status=${enc(pick(NASTY_STRINGS))}`,
    () => `minUtilization=${enc(pick(['high', '-5', '1e3', '80%', 'NaN', '', ' 80', '0x50', '9999999', ...NASTY_STRINGS]))}`,
    () => `q=${enc('q'.repeat(257 + Math.floor(rand() * 1000)))}`,
    () => `${enc(pick(['sort', 'limit', '__proto__', 'constructor', 'x'.repeat(100), `' OR 1=1`]))}=${enc(pick(NASTY_STRINGS))}`,
    () => `status=up&status=down`,
    () => `status[]=up`,
  ])();
}

function badRangeQuery(): string {
  return pick<() => string>([
    () => `from=${enc(pick(['yesterday', '-1x', '1714564800', '2024-13-01', '2024-05-01 12:00', 'now()', '-', `now() - 1h; DROP`, ...NASTY_STRINGS.filter((s) => s !== '-1')]))}`,
    () => `to=${enc(pick(['tomorrow', '+1h', '2024-02-30T25:00:00Z', `' OR ''='`, 'NOW', 'x'.repeat(41)]))}`,
    () => `step=${enc(pick(['0s', '999ms', '1', '60', 'fast', '-60s', `60s; DROP`, '1y', '']))}`,
    () => `from=-3650d&step=1s`,
    () => `from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z`,
    () => `from=now&to=now`,
    () => `${enc(pick(['window', 'fill', 'device', 'ifName', `"; DROP`]))}=1`,
  ])();
}

function makeCase(): Case {
  const target = pick(['sw', '1', 'nope', '999999', '%27%20OR%201%3D1', '%E2%98%83', 'x'.repeat(300)]);
  return pick<() => Case>([
    () => ({ method: 'POST', url: '/api/v1/devices', headers: { ...AUTH, 'content-type': 'application/json' }, payload: json(badBody(false)) }),
    () => ({ method: 'PATCH', url: `/api/v1/devices/${pick(['sw', '1'])}`, headers: { ...AUTH, 'content-type': 'application/json' }, payload: json(badBody(true)) }),
    () => ({ method: 'PATCH', url: `/api/v1/devices/${pick(['sw', '1'])}`, headers: { ...AUTH, 'content-type': 'application/json' }, payload: '{}' }),
    () => ({
      method: 'POST', url: '/api/v1/devices', headers: { ...AUTH, 'content-type': 'application/json' },
      payload: pick(['{', '{"host":"a",}', '[', 'nul', '"\\ud800"x', '{"__proto__":{"polluted":1},"host":"10.1.1.1","snmp":{"community":"x"}}',
        '{"constructor":{"prototype":{"polluted":1}}}', '{"host":"10.1.1.1","snmp":{"__proto__":{"x":1},"community":"c"}}', `{"a":${'['.repeat(5000)}`]),
    }),
    () => ({
      method: pick(['POST', 'PATCH'] as const), url: pick(['/api/v1/devices', '/api/v1/devices/sw']),
      headers: { ...AUTH, 'content-type': pick(['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'text/html']) },
      payload: json(validBody()),
    }),
    () => ({
      method: pick(['POST', 'PATCH', 'DELETE'] as const), url: pick(['/api/v1/devices', '/api/v1/devices/sw']),
      headers: { 'content-type': 'application/json', authorization: pick(['', 'Bearer', 'Bearer x', 'Basic dTpw', `Bearer ${'t'.repeat(5000)}`, 'Bearer  ☃', `Bearer ' OR 1=1`, 'bearer\ttoken-x']) },
      payload: json(validBody()),
    }),
    () => ({ method: 'GET', url: `/api/v1/devices/${pick(['sw', '1'])}/interfaces?${badQuery()}`, headers: {} }),
    () => ({ method: 'GET', url: `/api/v1/devices?${pick(['status=bogus', 'status=', 'x=1', '__proto__=1', `status=${enc(pick(NASTY_STRINGS))}`])}`, headers: {} }),
    () => ({ method: 'GET', url: `/api/v1/devices/${pick(['sw', '1'])}/interfaces/${enc(pick(NASTY_STRINGS.filter((s) => s !== '' && s.length < 300)))}/utilization?${badRangeQuery()}`, headers: {} }),
    () => ({ method: 'GET', url: `/api/v1/devices/${target}${pick(['', '/interfaces', '/interfaces/eth0/utilization'])}`.replace('/sw', '/nope').replace('/1', '/424242'), headers: {} }),
    () => ({ method: pick(['GET', 'DELETE'] as const), url: `/api/v1/${pick(['device', 'devices/sw/neighbours', 'linkz', '../etc/passwd', 'devices/%zz', 'devices/sw/interfaces/%E0%A4%A/utilization', `devices/${'%41'.repeat(2000)}`])}`, headers: AUTH }),
    () => ({ method: 'DELETE', url: `/api/v1/devices/${pick(['nope', '424242', `x'%20OR%201%3D1`, '%3B%20DROP%20TABLE%20devices'])}`, headers: AUTH }),
    // The topology routes with bad filters, unknown links and unknown devices.
    () => ({ method: 'GET', url: `/api/v1/links?${pick(['status=bogus', 'status=', 'minUtilization=abc', 'minUtilization=-1', 'device=nope', 'x=1', `device=${enc(pick(NASTY_STRINGS.filter((s) => s !== '')))}`])}`, headers: {} }),
    () => ({ method: 'GET', url: `/api/v1/${pick(['links/nope', `links/${enc(pick(NASTY_STRINGS.filter((s) => s !== '' && s.length < 300)))}`, 'devices/nope/neighbors', 'devices/424242/neighbors'])}`, headers: {} }),
  ])();
}

describe('fuzz', () => {
  let h: Harness;
  let before: string;

  beforeAll(async () => {
    h = await startApi();
    const r = await h.app.inject({ method: 'POST', url: '/api/v1/devices', headers: AUTH, payload: { host: '10.0.0.1', name: 'sw', snmp: { version: '2c', community: 'public' } } });
    expect(r.statusCode).toBe(201);
    h.state.set(makeDeviceState(1, { interfaces: [makeInterface(1), makeInterface(2, { operStatus: 'down' })] }));
    before = JSON.stringify(h.inventory.list().map((d) => ({ ...d, snmp: d.snmp.version === '3' ? d.snmp : { ...d.snmp, community: d.snmp.community.reveal() } })));
  });

  afterAll(async () => {
    await h.close();
  });

  it(`answers 1,200 generated bad requests (seed ${SEED}) with 4xx in the error format`, async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1200; i += 1) {
      const c = makeCase();
      const r = await h.app.inject({ method: c.method, url: c.url, headers: c.headers, ...(c.payload === undefined ? {} : { payload: c.payload }) });
      const label = `#${i} ${c.method} ${c.url.slice(0, 120)} ${JSON.stringify(c.headers).slice(0, 80)} ${(c.payload ?? '').slice(0, 200)} → ${r.statusCode} ${r.body.slice(0, 200)}`;
      expect(r.statusCode >= 400 && r.statusCode < 500, label).toBe(true);
      const e = errorOf(r.body);
      expect(Object.keys(ERROR_CODES), label).toContain(e.code);
      expect(e.message, label).not.toMatch(/\n\s+at /);
      statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
    }
    // The generator reaches every kind of rejection.
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([400, 401, 404, 413]));
    expect(h.poller.calls).toEqual([['schedule', 1]]);
  });

  it('leaves the inventory unchanged, Object.prototype clean and the server answering', async () => {
    const after = JSON.stringify(h.inventory.list().map((d) => ({ ...d, snmp: d.snmp.version === '3' ? d.snmp : { ...d.snmp, community: d.snmp.community.reveal() } })));
    expect(after).toBe(before);
    expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    const health = await h.app.inject({ url: '/health' });
    expect(health.statusCode).toBe(200);
    expect((await h.app.inject({ url: '/api/v1/devices/sw/interfaces?status=down' })).json()).toHaveLength(1);
  });
});
