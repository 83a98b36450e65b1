/**
 * The web page in a real browser: Debian's chromium, headless, driven by playwright-core, against
 * the built `linkscope demo` (ten simulated devices, a private influxd) on free 127.0.0.1 ports.
 * It checks the map draws exactly what /api/v1/topology says, the down link red and dashed, a
 * click on a device opens its interfaces and a traffic chart from InfluxDB, the problems list
 * selects on the map, and the layout holds at tablet width. Screenshots go to test-output/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { eventually } from '../helpers/with-server.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const OUTPUT = join(ROOT, 'test-output');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'];

/** LINKSCOPE_CHROMIUM, else chromium / chromium-browser on PATH, else /usr/bin/chromium; null when none is executable. */
function findChromium(): string | null {
  const explicit = process.env['LINKSCOPE_CHROMIUM'];
  const dirs = (process.env['PATH'] ?? '').split(delimiter).filter((d) => d !== '');
  const candidates = [...(explicit === undefined ? [] : [explicit]), ...dirs.flatMap((d) => [join(d, 'chromium'), join(d, 'chromium-browser')]), '/usr/bin/chromium'];
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // try the next one
    }
  }
  return null;
}

const CHROMIUM = findChromium();
const IN_CI = process.env['CI'] === 'true';
if (CHROMIUM === null && !IN_CI) console.warn('web-map browser test skipped: chromium not found (apt install chromium, or set LINKSCOPE_CHROMIUM)');

interface Topology {
  nodes: Array<{ id: number | string; name: string; external: boolean }>;
  edges: Array<{ id: string; source: number | string; target: number | string; status: string; a: { device: string; ifName: string | null }; b: { device: string; ifName: string | null } }>;
}

/** What the page exposes for tests (web/src/main.ts), as seen from page.evaluate. */
interface PageView {
  refreshes: number;
  lastError: string | null;
  nodes: string[];
  edges: Array<{ id: string; source: string; target: string }>;
}

async function pageView(page: Page): Promise<PageView> {
  return page.evaluate(() => {
    interface Ele {
      id(): string;
      data(k: string): string;
    }
    const hook = (globalThis as unknown as { __linkscope?: { refreshes: number; lastError: string | null; map: { cy: { nodes(): Ele[]; edges(): Ele[] } } } }).__linkscope;
    if (hook === undefined) return { refreshes: 0, lastError: 'no __linkscope', nodes: [], edges: [] };
    return {
      refreshes: hook.refreshes,
      lastError: hook.lastError,
      nodes: hook.map.cy.nodes().map((n) => n.id()),
      edges: hook.map.cy.edges().map((e) => ({ id: e.id(), source: e.data('source'), target: e.data('target') })),
    };
  });
}

async function edgeStyle(page: Page, id: string): Promise<{ lineStyle: string; color: string; width: string }> {
  return page.evaluate((edgeId) => {
    const cy = (globalThis as unknown as { __linkscope: { map: { cy: { getElementById(id: string): { style(k: string): string } } } } }).__linkscope.map.cy;
    const e = cy.getElementById(edgeId);
    return { lineStyle: e.style('line-style'), color: e.style('line-color'), width: e.style('width') };
  }, id);
}

/** Where a node is drawn, in page coordinates, for a real mouse click on the canvas. */
async function nodeOnPage(page: Page, id: string): Promise<{ x: number; y: number; model: { x: number; y: number } }> {
  return page.evaluate((nodeId) => {
    const cy = (globalThis as unknown as { __linkscope: { map: { cy: { container(): { getBoundingClientRect(): { left: number; top: number } }; getElementById(id: string): { renderedPosition(): { x: number; y: number }; position(): { x: number; y: number } } } } } }).__linkscope.map.cy;
    const box = cy.container().getBoundingClientRect();
    const n = cy.getElementById(nodeId);
    const p = n.renderedPosition();
    return { x: box.left + p.x, y: box.top + p.y, model: { ...n.position() } };
  }, id);
}

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe.skipIf(CHROMIUM === null && !IN_CI)('the web page in chromium against the demo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkscope-web-map-'));
  let demo: ChildProcess | undefined;
  let demoOut = '';
  let browser: Browser | undefined;
  let base = '';

  beforeAll(async () => {
    if (CHROMIUM === null) throw new Error('chromium is required in CI (CI=true): scripts/test.sh installs it with apt');
    // The bundle the API serves: build it from the current web/ sources (the global setup built dist/src).
    await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });

    const apiPort = await freePort();
    base = `http://127.0.0.1:${apiPort}`;
    const env = {
      PATH: process.env['PATH'],
      HOME: dir,
      LINKSCOPE_DATA_DIR: join(dir, 'data'),
      LINKSCOPE_SECRET_KEY_FILE: join(dir, 'secret.key'),
      LINKSCOPE_INFLUX_URL: `http://127.0.0.1:${await freePort()}`, // nothing answers: the demo starts its private influxd
      LINKSCOPE_LISTEN: `127.0.0.1:${apiPort}`,
    };
    demo = spawn(process.execPath, [BIN, 'demo', '--interval', '2s', '--base-port', String(30000 + (apiPort % 20000))], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    demo.stdout?.on('data', (c: Buffer) => (demoOut += c.toString()));
    demo.stderr?.on('data', (c: Buffer) => (demoOut += c.toString()));
    // Bounded: the demo's links (LLDP/CDP) and the down one appear after its first polls.
    await eventually(
      'the demo serves its topology with the down link',
      async () => {
        if (demo?.exitCode !== null) throw new Error(`demo exited: ${demoOut}`);
        const t = (await (await fetch(`${base}/api/v1/topology`)).json()) as Topology;
        return t.edges.length >= 13 && t.edges.some((e) => e.status === 'down') ? t : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    mkdirSync(OUTPUT, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (demo !== undefined && demo.exitCode === null) {
      const exited = new Promise((r) => demo?.once('exit', r));
      demo.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  async function openPage(width: number, height: number): Promise<Page> {
    const page = await (browser as Browser).newPage({ viewport: { width, height } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/?refresh=2`);
    await page.waitForFunction(() => ((globalThis as unknown as { __linkscope?: { refreshes: number } }).__linkscope?.refreshes ?? 0) >= 1, undefined, { timeout: 30_000 });
    expect(errors).toEqual([]);
    return page;
  }

  it('draws the nodes and edges /api/v1/topology has, the down link red and dashed, and keeps positions across refreshes and reloads', async () => {
    const page = await openPage(1280, 800);
    // The page and the API are read at different moments: compare until one refresh agrees (bounded).
    const { api, view } = await eventually(
      'the map equals /api/v1/topology',
      async () => {
        const t = (await (await fetch(`${base}/api/v1/topology`)).json()) as Topology;
        const v = await pageView(page);
        const same =
          JSON.stringify(sorted(v.nodes)) === JSON.stringify(sorted(t.nodes.map((n) => String(n.id)))) &&
          JSON.stringify(sorted(v.edges.map((e) => `${e.id} ${e.source} ${e.target}`))) === JSON.stringify(sorted(t.edges.map((e) => `${e.id} ${String(e.source)} ${String(e.target)}`)));
        return same ? { api: t, view: v } : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(view.lastError).toBeNull();
    expect(view.nodes.length).toBe(api.nodes.length);
    expect(api.nodes.filter((n) => !n.external).map((n) => n.name).sort()).toEqual(['access-sw1', 'access-sw2', 'access-sw3', 'ap-floor2', 'ap-lobby', 'core-rtr1', 'core-rtr2', 'ptp-depot', 'ptp-hq', 'wlc-1']);

    const down = api.edges.filter((e) => e.status === 'down');
    expect(down.map((e) => `${e.a.device} ${e.a.ifName} - ${e.b.device} ${e.b.ifName}`)).toEqual(['access-sw1 Gi1/0/48 - access-sw3 Fa0/24']);
    const downStyle = await edgeStyle(page, down[0]?.id ?? '');
    expect(downStyle.lineStyle).toBe('dashed');
    expect(downStyle.color).toBe('rgb(211,47,47)');
    for (const e of api.edges.filter((x) => x.status === 'up')) {
      const s = await edgeStyle(page, e.id);
      expect(s.lineStyle, e.id).not.toBe('dashed');
      expect(s.color, e.id).not.toBe('rgb(211,47,47)');
    }

    // Refreshes merge into the drawn graph: neither the nodes nor the zoom move.
    const first = await nodeOnPage(page, String(api.nodes[0]?.id));
    const zoom = await page.evaluate(() => (globalThis as unknown as { __linkscope: { map: { cy: { zoom(): number } } } }).__linkscope.map.cy.zoom());
    const seen = view.refreshes;
    await page.waitForFunction((n) => ((globalThis as unknown as { __linkscope: { refreshes: number } }).__linkscope.refreshes ?? 0) >= n + 2, seen, { timeout: 30_000 });
    expect((await nodeOnPage(page, String(api.nodes[0]?.id))).model).toEqual(first.model);
    expect(await page.evaluate(() => (globalThis as unknown as { __linkscope: { map: { cy: { zoom(): number } } } }).__linkscope.map.cy.zoom())).toBe(zoom);

    // A node dragged with the mouse stays where it was dropped, after a reload too (localStorage).
    const id = String(api.nodes[1]?.id);
    const from = await nodeOnPage(page, id);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 40, from.y + 30, { steps: 5 });
    await page.mouse.up();
    const dropped = (await nodeOnPage(page, id)).model;
    expect(Math.hypot(dropped.x - from.model.x, dropped.y - from.model.y)).toBeGreaterThan(10);
    await page.reload();
    await page.waitForFunction(() => ((globalThis as unknown as { __linkscope?: { refreshes: number } }).__linkscope?.refreshes ?? 0) >= 1, undefined, { timeout: 30_000 });
    const after = (await nodeOnPage(page, id)).model;
    expect(Math.abs(after.x - dropped.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(after.y - dropped.y)).toBeLessThanOrEqual(1);
    await page.close();
  }, 90_000);

  it('opens a device on click: its interfaces table and a traffic chart from InfluxDB', async () => {
    const page = await openPage(1280, 800);
    const t = (await (await fetch(`${base}/api/v1/topology`)).json()) as Topology;
    const sw1 = t.nodes.find((n) => n.name === 'access-sw1');
    const at = await nodeOnPage(page, String(sw1?.id));
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector('#details h2:has-text("access-sw1")', { timeout: 15_000 });
    const rows = await page.locator('#iface-table tbody tr').count();
    const interfaces = (await (await fetch(`${base}/api/v1/devices/access-sw1/interfaces`)).json()) as unknown[];
    expect(rows).toBe(interfaces.length);
    expect(await page.locator('#details').textContent()).toContain('sysDescr');

    // The history chart needs two polls in InfluxDB: the page re-reads it every refresh (bounded wait).
    await page.waitForFunction(() => ((globalThis as unknown as { __linkscope: { details: { chartPoints: number } } }).__linkscope.details.chartPoints ?? 0) >= 2, undefined, { timeout: 60_000, polling: 500 });
    expect(await page.locator('#chart .uplot canvas').count()).toBeGreaterThan(0);
    // Unless the user picks one, the chart shows the busiest interface: the 10G uplink at 85-95 %.
    expect(await page.locator('#chart-title').textContent()).toContain('Te1/0/1');

    // Rates are known by now: the hot filter keeps the 85-95 % uplink to core-rtr1.
    await page.selectOption('#if-filter', 'hot');
    await page.waitForSelector('#iface-table tbody th:has-text("Te1/0/1")', { timeout: 15_000 });
    await page.selectOption('#if-filter', 'all');
    await page.screenshot({ path: join(OUTPUT, 'web-map.png') });

    // Refreshes re-read the device but leave the user's place in the interface list alone.
    const scrolled = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { scrollTop: number } | null } }).document;
      const wrap = doc.querySelector('.table-wrap');
      if (wrap !== null) wrap.scrollTop = 200;
      return { top: wrap?.scrollTop ?? 0, refreshes: (globalThis as unknown as { __linkscope: { refreshes: number } }).__linkscope.refreshes };
    });
    expect(scrolled.top).toBeGreaterThan(100);
    await page.waitForFunction((n) => (globalThis as unknown as { __linkscope: { refreshes: number } }).__linkscope.refreshes >= n + 2, scrolled.refreshes, { timeout: 30_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { document: { querySelector(s: string): { scrollTop: number } | null } }).document.querySelector('.table-wrap')?.scrollTop)).toBe(scrolled.top);

    // An interface's name charts it instead.
    await page.click('#iface-table tbody th button:text-is("Gi1/0/2")');
    await page.waitForSelector('#chart-title:has-text("Gi1/0/2")', { timeout: 5_000 });
    expect(await page.getAttribute('#iface-table tbody th button:text-is("Gi1/0/2")', 'aria-pressed')).toBe('true');

    // The device search (keyboard) opens another device; its down filter shows the dead cross-connect.
    await page.fill('#device-input', 'access-sw3');
    await page.press('#device-input', 'Enter');
    await page.waitForSelector('#details h2:has-text("access-sw3")', { timeout: 15_000 });
    await page.selectOption('#if-filter', 'down');
    expect(await page.locator('#iface-table tbody th').allTextContents()).toEqual([expect.stringContaining('Fa0/24')]);
    await page.close();
  }, 90_000);

  it('selects a problem on the map from the problems list and fits a tablet-width screen', async () => {
    const page = await openPage(800, 1000);
    const button = page.locator('#problems-list button', { hasText: 'access-sw1 Gi1/0/48' });
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#details h2:has-text("Link")', { timeout: 15_000 });
    const details = (await page.locator('#details').textContent()) ?? '';
    expect(details).toContain('down');
    expect(details).toContain('access-sw3');
    const selected = await page.evaluate(() => (globalThis as unknown as { __linkscope: { map: { cy: { $(s: string): Array<{ id(): string }> } } } }).__linkscope.map.cy.$(':selected').map((e) => e.id()));
    const t = (await (await fetch(`${base}/api/v1/topology`)).json()) as Topology;
    expect(selected).toEqual(t.edges.filter((e) => e.status === 'down').map((e) => e.id));
    // No sideways scrolling at 800 px: the panel stacks under the map.
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    const map = await page.locator('#map').boundingBox();
    expect(map?.width ?? 0).toBeGreaterThan(700);
    await page.screenshot({ path: join(OUTPUT, 'web-map-tablet.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('asks for the token on a 401, keeps it for the tab and sends it as a bearer token', async () => {
    // The demo listens on loopback, where reads need no token; an API beyond loopback answers 401
    // without one (test/integration/api-auth.test.ts). Here the browser sees that answer for
    // requests without the token, as such an API would give it.
    const TOKEN = 'web-T0ken-7c1d';
    const context = await (browser as Browser).newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const sent: Array<string | undefined> = [];
    await page.route('**/api/v1/**', async (route) => {
      const auth = route.request().headers()['authorization'];
      sent.push(auth);
      if (auth !== `Bearer ${TOKEN}`) {
        await route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 'LS_UNAUTHORIZED', message: 'this request needs "Authorization: Bearer <token>"' } }) });
      } else {
        await route.continue();
      }
    });
    await page.goto(`${base}/?refresh=2`);
    await page.waitForSelector('#token-dialog[open]', { timeout: 15_000 });
    await page.fill('#token-input', 'wrong-token');
    await page.press('#token-input', 'Enter');
    // A refused token asks again, saying so.
    await page.waitForSelector('#token-dialog[open] #token-reason:has-text("refused")', { timeout: 15_000 });
    await page.fill('#token-input', TOKEN);
    await page.press('#token-input', 'Enter');
    await page.waitForFunction(() => ((globalThis as unknown as { __linkscope?: { refreshes: number } }).__linkscope?.refreshes ?? 0) >= 1, undefined, { timeout: 30_000 });
    expect(sent[0]).toBeUndefined();
    expect(sent).toContain('Bearer wrong-token');
    expect(sent.at(-1)).toBe(`Bearer ${TOKEN}`);
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('linkscope.apiToken'))).toBe(TOKEN);
    await context.close();
  }, 60_000);
});
