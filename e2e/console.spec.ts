import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { ServedConsole } from './serve-fixture.ts';
import { repoRoot, startConsole } from './serve-fixture.ts';

const views = [
  ['overview', 'Overview'],
  ['live', 'Live'],
  ['approvals', 'Approvals'],
  ['agent', 'Agent'],
  ['audit', 'Audit'],
  ['secrets', 'Secrets'],
  ['policy', 'Policy'],
  ['alerts', 'Alerts'],
  ['readiness', 'Readiness'],
] as const;

/** Views that are built; every other one must say it is not available yet. */
const availableViews = new Set<string>(['overview', 'secrets', 'audit', 'live', 'approvals', 'policy', 'agent']);
const screenshots = join(repoRoot, 'e2e', 'screenshots');
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
let served: ServedConsole;

test.beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  served = await startConsole();
});
test.afterAll(async () => served.stop());

test('logs in with the printed one-time link and shows values that came through the contract', async ({ page }) => {
  await page.goto(served.loginUrl);
  await expect(page).toHaveURL(`${served.origin}/`);
  await expect(page.getByTestId('view-overview')).toBeVisible();
  await expect(page.getByTestId('system-data-dir')).toHaveText(served.dataDir);
  await expect(page.getByTestId('system-version')).toContainText(version);
  await expect(page.getByTestId('system-isolation')).toContainText(/full|partial|none/i);
  // The heartbeat is pushed over the WebSocket event stream: the number must move.
  const seq = page.getByTestId('heartbeat-seq');
  await expect(seq).toHaveText(/^\d+$/, { timeout: 10_000 });
  const first = Number(await seq.textContent());
  await expect.poll(async () => Number(await seq.textContent()), { timeout: 10_000 }).toBeGreaterThan(first);
  await expect(page.getByTestId('connection-state')).toContainText(/connected/i);
  await page.screenshot({ path: join(screenshots, 'console.png') });
});

test('every view is reachable from the navigation and says what it is', async ({ page }) => {
  await page.goto(served.currentLoginUrl());
  for (const [id, title] of views) {
    await page.getByTestId(`nav-${id}`).click();
    const view = page.getByTestId(`view-${id}`);
    await expect(view).toBeVisible();
    await expect(view.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByTestId(`nav-${id}`)).toHaveAttribute('aria-current', 'page');
    if (!availableViews.has(id)) await expect(view).toContainText(/not available yet/i);
    await page.screenshot({ path: join(screenshots, `nav-${id}.png`) });
  }
});

test('is keyboard reachable and has a dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(served.currentLoginUrl());
  await expect(page.getByTestId('view-overview')).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('l');
  await expect(page.getByTestId('view-live')).toBeVisible();
  await page.keyboard.press('Alt+5');
  await expect(page.getByTestId('view-audit')).toBeVisible();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number);
  expect(r + g + b).toBeLessThan(3 * 100);
  await page.getByTestId('nav-overview').click();
  await page.screenshot({ path: join(screenshots, 'console-dark.png') });
});

test('runs with no CSP violation and no page error', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(served.currentLoginUrl());
  await expect(page.getByTestId('system-data-dir')).toHaveText(served.dataDir);
  for (const [id] of views) await page.getByTestId(`nav-${id}`).click();
  expect(problems).toEqual([]);
});
