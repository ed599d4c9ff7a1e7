import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import type { ServedConsole } from './serve-fixture.ts';
import { repoRoot, startConsole } from './serve-fixture.ts';

const seeded = 5000;
const screenshots = join(repoRoot, 'e2e', 'screenshots');
let root: string;
let served: ServedConsole;
/** Events whose summary mentions "chargeback" (every 997th synthetic call). */
let needles: number;

test.beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  root = mkdtempSync(join(tmpdir(), 'warden-e2e-audit-'));
  const dataDir = join(root, 'data');
  const out = execFileSync(process.execPath, ['e2e/seed-audit.ts', dataDir, String(seeded), '7'], { cwd: repoRoot, encoding: 'utf8' });
  needles = (JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { needles: number }).needles;
  served = await startConsole({ dataDir });
});
test.afterAll(async () => {
  await served.stop();
  rmSync(root, { recursive: true, force: true });
});

async function openAudit(page: Page, hash = '#/audit', on: ServedConsole = served) {
  await page.goto(on.currentLoginUrl());
  await expect(page.getByTestId('view-overview')).toBeVisible();
  await page.goto(`${on.origin}/${hash}`);
  const view = page.getByTestId('view-audit');
  await expect(view).toBeVisible();
  await expect(view.getByRole('heading', { level: 1 })).toHaveText('Audit');
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  return view;
}

const rows = (page: Page) => page.getByTestId('audit-row');
const seqOf = async (page: Page, index: number) => Number(await rows(page).nth(index).getAttribute('data-seq'));

test('shows the seeded trail: stats, chart and the newest events first', async ({ page }) => {
  const view = await openAudit(page);
  await expect(page.getByTestId('audit-stats-total')).toHaveText(/^5,0\d\d$/);
  await expect(page.getByTestId('audit-key-source')).toHaveAttribute('data-source', /keychain|file/);
  await expect(view).not.toContainText(/not available yet/i);
  const chart = page.getByTestId('audit-chart');
  await expect(chart.locator('svg[role="img"]')).toBeVisible();
  await expect.poll(async () => Number(await chart.getAttribute('data-total'))).toBeGreaterThanOrEqual(seeded);
  await expect(page.getByTestId('audit-chart-summary')).toContainText(/events between .*success/);
  await expect(page.getByTestId('audit-results-status')).toContainText('200 loaded');
  expect(await seqOf(page, 0)).toBeGreaterThan(await seqOf(page, 1));
  await page.screenshot({ path: join(screenshots, 'audit.png') });
});

test('searches full text and by prefix, filters by status and time, with chips in the hash', async ({ page }) => {
  await openAudit(page);
  const search = page.getByTestId('audit-search');
  await search.fill('chargeback');
  await expect(page.getByTestId('audit-results-status')).toHaveText(new RegExp(`^${needles} matching events`));
  await expect(rows(page)).toHaveCount(needles);
  for (const row of await rows(page).all()) await expect(row).toContainText('chargeback');
  expect(page.url()).toContain('q=chargeback');

  await search.fill('chargeb*');
  await search.press('Enter');
  await expect(rows(page)).toHaveCount(needles);

  await search.fill('');
  await search.press('Enter');
  await page.getByTestId('audit-status-select').selectOption('failure');
  const chip = page.getByTestId('audit-filter-status');
  await expect(chip).toContainText('failure');
  expect(page.url()).toContain('status=failure');
  await expect(rows(page).first()).toBeVisible();
  const statuses = await rows(page).locator('.audit-status').allTextContents();
  expect(statuses.length).toBeGreaterThan(10);
  expect(new Set(statuses)).toEqual(new Set(['failure']));

  // A reload keeps the filters: they live in the hash.
  await page.reload();
  await expect(page.getByTestId('audit-filter-status')).toContainText('failure');
  await expect(page.getByTestId('audit-status-select')).toHaveValue('failure');

  await page.getByTestId('audit-range-select').selectOption('24h');
  await expect(page.getByTestId('audit-filter-range')).toContainText('last 24 hours');
  const chart = page.getByTestId('audit-chart');
  // The seeded events are spread over 7 days: the last day holds about a seventh of them.
  await expect.poll(async () => Number(await chart.getAttribute('data-total'))).toBeLessThan(seeded / 4);
  await expect(chart).toContainText('Events per hour');

  await page.getByTestId('audit-filter-status').getByRole('button').click();
  await expect(page.getByTestId('audit-filter-status')).toHaveCount(0);
  await page.getByTestId('audit-filter-range').getByRole('button').click();
  await expect(page.getByTestId('audit-filter-range')).toHaveCount(0);
  await expect.poll(async () => new Set(await rows(page).locator('.audit-status').allTextContents()).size).toBeGreaterThan(1);
  expect(page.url()).toMatch(/#\/audit$/);

  // Exact filters behind "More filters", and a custom range.
  await page.getByRole('button', { name: 'More filters' }).click();
  await page.getByTestId('audit-tool-input').fill('git.commit');
  await page.getByTestId('audit-tool-input').press('Enter');
  await expect(page.getByTestId('audit-filter-tool')).toContainText('git.commit');
  await expect.poll(async () => new Set(await rows(page).locator('.audit-cell--mono:nth-child(4)').allTextContents())).toEqual(new Set(['git.commit']));
  await page.getByTestId('audit-range-select').selectOption('custom');
  await expect(page.getByTestId('audit-since-input')).toBeVisible();
  await expect(page.getByTestId('audit-filter-range')).toContainText('since');
  await page.screenshot({ path: join(screenshots, 'audit-filters.png') });
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(page.getByTestId('audit-filter-tool')).toHaveCount(0);
  await expect(page.getByTestId('audit-filter-range')).toHaveCount(0);
});

test('opens the detail drawer with the chain status, moves with the arrows and closes with Escape', async ({ page }) => {
  await openAudit(page, '#/audit?kind=tool_call');
  const first = await seqOf(page, 0);
  const second = await seqOf(page, 1);

  // Keyboard only: from the search box into the grid, then Enter.
  await page.getByTestId('audit-search').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('audit-grid')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('audit-detail');
  await expect(detail).toBeVisible();
  await expect(detail).toHaveAttribute('data-seq', String(first));
  const chain = page.getByTestId('audit-detail-chain');
  await expect(chain).toHaveAttribute('data-intact', 'true');
  await expect(chain).toContainText('Chain link intact');
  await expect(chain).toContainText('Checkpointed');
  await expect(detail).toContainText('Arguments');
  await expect(detail.locator('pre').first()).toBeVisible();
  await expect(detail).toContainText('"path":');

  await page.keyboard.press('ArrowDown');
  await expect(detail).toHaveAttribute('data-seq', String(second));
  await page.keyboard.press('ArrowUp');
  await expect(detail).toHaveAttribute('data-seq', String(first));
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);

  // A click opens it too, and its own buttons move and close it.
  await rows(page).nth(2).click();
  await expect(detail).toHaveAttribute('data-seq', String(await seqOf(page, 2)));
  await page.screenshot({ path: join(screenshots, 'audit-detail.png') });
  await page.getByRole('button', { name: 'Newer event' }).click();
  await expect(detail).toHaveAttribute('data-seq', String(second));

  // From the drawer, narrow the list to this event's session.
  const session = (await detail.locator('.audit-facts__row', { hasText: 'Session' }).locator('dd .mono').textContent()) ?? '';
  await detail.locator('.audit-facts__row', { hasText: 'Session' }).getByRole('button', { name: 'filter' }).click();
  await expect(page.getByTestId('audit-filter-session')).toContainText(session);
  await expect(detail).toHaveAttribute('data-seq', String(second));
  await expect.poll(async () => new Set(await rows(page).locator('.audit-cell--mono:nth-child(5)').allTextContents())).toEqual(new Set([session]));
  await page.getByTestId('audit-detail-close').click();
  await expect(detail).toHaveCount(0);
});

test('verifies the chain and reports it intact', async ({ page }) => {
  await openAudit(page);
  await page.getByTestId('audit-verify').click();
  const result = page.getByTestId('audit-verify-result');
  await expect(result).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  await expect(result).toContainText('Chain intact');
  await expect(result).toContainText(/5,0\d\d events/);
});

test('exports the current filters as CSV, shows the path and offers it as a download', async ({ page }) => {
  await openAudit(page, '#/audit?status=denied');
  await page.getByTestId('audit-export-csv').click();
  const result = page.getByTestId('audit-export-result');
  await expect(result).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  const path = (await page.getByTestId('audit-export-path').textContent()) ?? '';
  expect(path.startsWith(join(served.dataDir, 'exports'))).toBe(true);
  expect(path).toMatch(/audit-[\w-]+\.csv$/);
  const count = Number(/([\d,]+) events as CSV/.exec((await result.textContent()) ?? '')?.[1]?.replaceAll(',', ''));
  expect(count).toBeGreaterThan(100);

  const link = page.getByTestId('audit-export-download');
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toBe(`/exports/${path.split('/').pop() ?? ''}`);
  // The page's session cookie is what lets it through; without it the server refuses.
  const download = await page.request.get(`${served.origin}${href}`);
  expect(download.status()).toBe(200);
  const lines = (await download.text()).trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^seq,ts,kind,status/);
  expect(lines).toHaveLength(count + 1);
  expect(lines.slice(1).every((line) => line.split(',')[3] === 'denied')).toBe(true);
  const anonymous = await fetch(`${served.origin}${href}`);
  expect(anonymous.status).toBe(401);

  const [saved] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(saved.suggestedFilename()).toBe(path.split('/').pop());
});

test('shows the progress of an export of the whole trail as JSONL', async ({ page }) => {
  await openAudit(page);
  // Every value the progress bar shows, as it shows it (the export runs page by page).
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { progressSeen: seen });
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="audit-export-result"] [role="progressbar"]');
      const value = bar?.getAttribute('aria-valuenow');
      const entry = `${value ?? ''}/${bar?.getAttribute('aria-valuemax') ?? ''}`;
      if (value && seen.at(-1) !== entry) seen.push(entry);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.getByTestId('audit-export-jsonl').click();
  const result = page.getByTestId('audit-export-result');
  await expect(result).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  await expect(result).toContainText(/5,0\d\d events as JSONL/);
  await expect(page.getByTestId('audit-export-path')).toHaveText(/\.jsonl$/);
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.every((value) => /^\d+\/5\d{3}$/.test(value))).toBe(true);
});

test('loads more pages while scrolling, keeping only the visible rows in the page', async ({ page }) => {
  await openAudit(page);
  const grid = page.getByTestId('audit-grid');
  const status = page.getByTestId('audit-results-status');
  await expect(status).toContainText('200 loaded');
  const loaded = async () => Number(/^([\d,]+)/.exec((await status.textContent()) ?? '')?.[1]?.replaceAll(',', '') ?? 0);
  const complete = async () => /matching events/.test((await status.textContent()) ?? '');
  for (let round = 0; round < 60 && !(await complete()); round++) {
    const before = await loaded();
    await grid.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect.poll(async () => (await loaded()) > before || (await complete()), { intervals: [50] }).toBe(true);
  }
  await expect(status).toContainText(/^5,0\d\d matching events/);
  expect(await loaded()).toBeGreaterThanOrEqual(seeded);
  // The oldest event, the seed's own start-up, is at the bottom; only a screenful of rows exists.
  await expect(rows(page).last()).toHaveAttribute('data-seq', '1');
  await grid.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(rows(page).last()).toBeInViewport();
  expect(await rows(page).count()).toBeLessThan(80);
});

test('announces new events instead of moving the list, and shows them on request', async ({ page, browser }) => {
  await openAudit(page);
  const top = await seqOf(page, 0);
  // Another person logging in is recorded (kind auth), and pushed as audit.appended.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(served.currentLoginUrl());
  await expect(otherPage.getByTestId('view-overview')).toBeVisible();
  await other.close();

  const bar = page.getByTestId('audit-new-events');
  await expect(bar).toContainText(/\d+ new events?/);
  expect(await seqOf(page, 0)).toBe(top);
  await page.getByTestId('audit-new-events-show').click();
  await expect(bar).toHaveCount(0);
  await expect.poll(() => seqOf(page, 0)).toBeGreaterThan(top);
  await expect(rows(page).first()).toContainText('Console login');
});

test('has a dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openAudit(page);
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-verify-result')).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  await page.screenshot({ path: join(screenshots, 'audit-dark.png') });
  await rows(page).nth(1).click();
  await expect(page.getByTestId('audit-detail-chain')).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'audit-detail-dark.png') });
});

test.describe('a trail edited behind Warden’s back', () => {
  let tamperedRoot: string;
  let tampered: ServedConsole;
  const edited = 120;

  test.beforeAll(async () => {
    tamperedRoot = mkdtempSync(join(tmpdir(), 'warden-e2e-tampered-'));
    const dataDir = join(tamperedRoot, 'data');
    execFileSync(process.execPath, ['e2e/seed-audit.ts', dataDir, '300', '1'], { cwd: repoRoot });
    // What someone with write access to the file does: drop the guards, then edit one summary.
    const db = new Database(join(dataDir, 'audit', 'audit.db'));
    db.exec('DROP TRIGGER events_no_update');
    db.prepare(`UPDATE events SET body = replace(body, '"summary":"', '"summary":"nothing to see: ') WHERE seq = ?`).run(edited);
    db.close();
    tampered = await startConsole({ dataDir });
  });
  test.afterAll(async () => {
    await tampered.stop();
    rmSync(tamperedRoot, { recursive: true, force: true });
  });

  test('verify names the first broken event and links to it; its drawer says the link is broken', async ({ page }) => {
    await openAudit(page, '#/audit', tampered);
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await expect(result).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
    await expect(result).toContainText('Chain broken');
    await expect(result).toContainText(`#${edited}`);
    await page.getByTestId('audit-verify-problem-link').click();
    const detail = page.getByTestId('audit-detail');
    await expect(detail).toHaveAttribute('data-seq', String(edited));
    await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();
    await expect(page.getByTestId('audit-detail-chain')).toHaveAttribute('data-intact', 'false');
    await expect(page.getByTestId('audit-detail-chain')).toContainText('does not match its content');
    await expect(detail).toContainText('nothing to see');
    await page.screenshot({ path: join(screenshots, 'audit-tampered.png') });
    await page.keyboard.press('Escape');
    await expect(detail).toHaveCount(0);
  });
});
