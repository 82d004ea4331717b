/**
 * access.html in a real browser: Debian's chromium (/usr/bin/chromium, `apt-get install chromium`;
 * .ci/run installs it) driven by playwright-core, which downloads no browser. The page is loaded from
 * a file with the network off; the test reads it, checks a screenshot is not blank, and types into
 * the filter. Without chromium the test skips with a message, except under CI=true, where it fails.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { loadEnvironmentText } from '../../config/load';
import { buildAccessReport } from '../../model/access';
import { accessHtml } from '../../synth/access-report';
import { inCi } from '../terraform/terraform-cli';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && !inCi()) console.warn(`skipping the browser test of access.html: no ${CHROMIUM} (apt-get install -y chromium)`);
const describeBrowser = available || inCi() ? describe : describe.skip;

/** Distinct colours of a PNG screenshot (8-bit RGB or RGBA, as Chromium writes them), by decoding it. */
function distinctColours(png: Buffer): number {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const colourType = png[25];
  const channels = colourType === 6 ? 4 : 3;
  const chunks: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    if (type === 'IDAT') chunks.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * channels;
  const previous = Buffer.alloc(stride);
  const line = Buffer.alloc(stride);
  const colours = new Set<number>();
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const left = x >= channels ? line[x - channels] : 0;
      const up = previous[x];
      const upLeft = x >= channels ? previous[x - channels] : 0;
      let predictor = 0;
      if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      line[x] = (value + predictor) & 0xff;
    }
    for (let x = 0; x < stride; x += channels) colours.add((line[x] << 16) | (line[x + 1] << 8) | line[x + 2]);
    line.copy(previous);
  }
  return colours.size;
}

describeBrowser('access.html in chromium', () => {
  const contexts: BrowserContext[] = [];
  let dir: string;
  let page: string;

  beforeAll(async () => {
    if (!available) throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run installs it with apt-get install -y chromium`);
    dir = mkdtempSync(join(tmpdir(), 'access-html-'));
    const file = 'environments/prod.yaml';
    const result = loadEnvironmentText(readFileSync(file, 'utf8'), file);
    if (!result.ok) throw new Error('environments/prod.yaml does not load');
    page = join(dir, 'access.html');
    writeFileSync(page, accessHtml(buildAccessReport(result.model)));
  }, 60_000);

  /** A fresh browser with a fresh profile (playwright passes it as --user-data-dir), offline. */
  async function open(options: { javaScriptEnabled: boolean }): Promise<BrowserContext> {
    const context = await chromium.launchPersistentContext(mkdtempSync(join(dir, 'profile-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      offline: true,
      viewport: { width: 1280, height: 900 },
      ...options,
    });
    contexts.push(context);
    return context;
  }

  afterAll(async () => {
    for (const context of contexts) await context.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads without JavaScript: the rows are in the page', async () => {
    const context = await open({ javaScriptEnabled: false });
    const tab = await context.newPage();
    await tab.goto(`file://${page}`);
    const row = tab.locator('#accounts tbody tr', { hasText: 'payments-prod' }).filter({ hasText: 'alice.martin@example.com' });
    expect(await row.first().innerText()).toContain('everything but organizations:LeaveOrganization');
    expect(await tab.locator('#accounts tbody tr:visible').count()).toBeGreaterThan(20);
  }, 60_000);

  it('renders a screenshot that is not blank, and filters the rows as one types', async () => {
    const context = await open({ javaScriptEnabled: true });
    const tab = await context.newPage();
    const requests: string[] = [];
    tab.on('request', (request) => {
      if (!request.url().startsWith('file://')) requests.push(request.url());
    });
    await tab.goto(`file://${page}`);
    const screenshot = await tab.screenshot({ fullPage: false });
    expect(screenshot.subarray(1, 4).toString('ascii')).toBe('PNG');
    // A blank page is one colour; text, borders and the shaded admin rows give many.
    expect(distinctColours(screenshot)).toBeGreaterThan(20);
    if (process.env.ACCESS_SCREENSHOT) writeFileSync(process.env.ACCESS_SCREENSHOT, screenshot);

    const all = await tab.locator('table.filterable tbody tr:visible').count();
    await tab.locator('#filter').pressSequentially('carol');
    const shown = tab.locator('table.filterable tbody tr:visible');
    const texts = await shown.allInnerTexts();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.length).toBeLessThan(all);
    for (const text of texts) expect(text).toContain('carol.smith@example.com');
    expect(await tab.locator('#shown').innerText()).toBe(`${texts.length} of ${all} rows`);

    await tab.locator('#filter').fill('payments-staging PowerUser');
    const narrowed = await tab.locator('#accounts tbody tr:visible').allInnerTexts();
    expect(narrowed).toEqual([expect.stringContaining('Payments Engineers')]);
    expect(requests).toEqual([]);
  }, 60_000);
});
