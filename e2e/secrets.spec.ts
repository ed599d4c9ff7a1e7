import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { openSecretMetadata } from '../app/secrets/index.ts';
import type { ServedConsole } from './serve-fixture.ts';
import { repoRoot, startConsole } from './serve-fixture.ts';

/*
 * Needs an unlocked Secret Service, as in CI:
 *   dbus-run-session -- bash -c 'echo -n pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' \
 *     _ npx playwright test -c e2e/playwright.config.ts secrets
 */

const screenshots = join(repoRoot, 'e2e', 'screenshots');
const canary = () => `canary-${randomBytes(16).toString('hex')}`;

/** Every form a leaked value could take in a file: as typed, and the encodings the redactor knows. */
const forms = (value: string) => [value, Buffer.from(value).toString('base64'), Buffer.from(value).toString('base64url'), encodeURIComponent(value)];

/** Text frames (and binary ones as UTF-8) the page received or sent over its WebSockets. */
function recordFrames(page: Page) {
  const received: string[] = [];
  const sent: string[] = [];
  const text = (payload: string | Buffer) => (typeof payload === 'string' ? payload : payload.toString('utf8'));
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => received.push(text(payload)));
    socket.on('framesent', ({ payload }) => sent.push(text(payload)));
  });
  return { received, sent };
}

/** Where in the page a value shows up: its HTML, any control's value, web storage, the URL, the title. */
async function whereInPage(page: Page, value: string): Promise<string[]> {
  return page.evaluate((needle) => {
    const found: string[] = [];
    if (document.documentElement.outerHTML.includes(needle)) found.push('DOM (outerHTML)');
    for (const control of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
      if (control.value.includes(needle)) found.push(`value of <${control.tagName.toLowerCase()} data-testid=${control.dataset.testid ?? '?'}>`);
    }
    for (const [label, storage] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]] as const) {
      for (let index = 0; index < storage.length; index++) {
        const key = storage.key(index) ?? '';
        if (key.includes(needle) || (storage.getItem(key) ?? '').includes(needle)) found.push(`${label}[${key}]`);
      }
    }
    if (location.href.includes(needle)) found.push('URL');
    if (document.title.includes(needle)) found.push('title');
    return found;
  }, value);
}

/** Every file under `dir`, recursively, as bytes. */
function readTree(dir: string): Array<{ file: string; bytes: Buffer }> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .map((file) => ({ file, bytes: readFileSync(file) }));
}

const containing = (tree: ReturnType<typeof readTree>, value: string) =>
  tree.filter(({ bytes }) => bytes.includes(Buffer.from(value))).map(({ file }) => file);

let served: ServedConsole;

test.beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  served = await startConsole();
});
test.afterAll(async () => served.stop());

test('adds, lists, rotates, re-scopes and deletes a secret; its value reaches neither page, frames nor disk', async ({ page, context }) => {
  // Five keychain round trips, two windows and a scan of the data dir after each step: slow on a busy machine.
  test.setTimeout(120_000);
  const name = `E2E_${randomBytes(4).toString('hex').toUpperCase()}`;
  const first = canary();
  const second = canary();
  const frames = recordFrames(page);

  const assertNowhere = async (step: string) => {
    const tree = readTree(served.dataDir);
    for (const value of [first, second]) {
      expect(await whereInPage(page, value), `${step}: the value in the page`).toEqual([]);
      expect(await whereInPage(watcher, value), `${step}: the value in the second window`).toEqual([]);
      for (const form of forms(value)) {
        expect(frames.received.filter((frame) => frame.includes(form)), `${step}: the value in a WebSocket frame`).toEqual([]);
        expect(watcherFrames.received.filter((frame) => frame.includes(form)), `${step}: the value in a frame`).toEqual([]);
        expect(containing(tree, form), `${step}: the value in a file of the data dir`).toEqual([]);
        expect(served.output().includes(form), `${step}: the value in the server's output`).toBe(false);
      }
    }
  };

  await page.goto(served.loginUrl);
  await page.getByTestId('nav-secrets').click();
  const view = page.getByTestId('view-secrets');
  await expect(view.getByRole('heading', { level: 1 })).toHaveText('Secrets');
  const banner = page.getByTestId('keychain-banner');
  await expect(banner, 'these tests need an unlocked Secret Service: run them inside dbus-run-session with gnome-keyring').toHaveAttribute(
    'data-state',
    'available',
    { timeout: 20_000 },
  );
  await expect(banner).toContainText('Keychain available');

  // A second window of the same console: it changes only through the pushed secrets.changed events.
  const watcher = await context.newPage();
  const watcherFrames = recordFrames(watcher);
  await watcher.goto(`${served.origin}/#/secrets`);
  await expect(watcher.getByTestId('keychain-banner')).toHaveAttribute('data-state', 'available', { timeout: 20_000 });
  await expect(watcher.getByTestId('secrets-empty')).toBeVisible();

  // Client-side validation mirrors the contract, and sends nothing.
  const form = page.getByTestId('secret-add-form');
  const valueInput = page.getByTestId('secret-value-input');
  await page.getByTestId('secret-name-input').fill('not-a-name');
  await valueInput.fill('short');
  await page.getByTestId('secret-save').click();
  await expect(form).toContainText('A secret name is 1–64 characters');
  await expect(form).toContainText('at least 8 characters');
  await page.screenshot({ path: test.info().outputPath('add-form-errors.png'), animations: 'disabled' });
  await expect(page.getByTestId('secret-name-input')).toBeFocused();
  expect(frames.sent.some((frame) => frame.includes('secrets.set'))).toBe(false);

  // Add.
  await page.getByTestId('secret-name-input').fill(name);
  await page.getByTestId('secret-description-input').first().fill('e2e canary');
  await page.getByTestId('secret-tools-input').first().fill('http.fetch, git_push');
  await page.getByTestId('secret-rotation-input').first().fill('90');
  await valueInput.fill(first);
  // The probe sees a typed value, and only where it must be: in the input's value, not in its HTML.
  expect(await whereInPage(page, first)).toEqual(['value of <input data-testid=secret-value-input>']);
  await page.getByTestId('secret-save').click();
  const row = page.locator(`[data-testid="secret-row"][data-name="${name}"]`);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-status', 'ok');
  await expect(row.getByTestId('secret-env-var')).toHaveText(name);
  await expect(row.getByTestId('secret-tools').getByRole('listitem')).toHaveText(['git_push', 'http.fetch']);
  await expect(row).toContainText('e2e canary');
  await expect(row).toContainText(/due in (89|90) d/);
  await expect(valueInput).toHaveValue('');
  await expect(page.getByTestId('secret-name-input')).toHaveValue('');
  await expect(page.getByTestId('secret-add-status')).toContainText(`${name} is stored in the`);
  await expect(watcher.locator(`[data-testid="secret-row"][data-name="${name}"]`)).toBeVisible();
  // The capture works: the value did leave the page, once, in the request that stored it.
  expect(frames.sent.filter((frame) => frame.includes(first))).toHaveLength(1);
  expect(frames.received.some((frame) => frame.includes('"secrets.changed"'))).toBe(true);
  expect(containing(readTree(served.dataDir), name).length, 'the scan reads the databases').toBeGreaterThan(0);
  await assertNowhere('after adding');

  // Rotate.
  await row.getByTestId('secret-rotate').click();
  const rotateDialog = page.getByTestId('secret-rotate-dialog');
  await expect(rotateDialog).toBeVisible();
  await expect(rotateDialog).toContainText(`Rotate ${name}`);
  await expect(page.getByTestId('secret-rotate-value-input')).toBeFocused();
  await page.getByTestId('secret-rotate-value-input').fill(second);
  await page.screenshot({ path: test.info().outputPath('rotate-dialog.png'), animations: 'disabled' });
  await page.getByTestId('secret-rotate-confirm').click();
  await expect(rotateDialog).toBeHidden();
  await expect(page.getByTestId('secrets-notice')).toContainText(`${name} rotated`);
  await expect(row.getByTestId('secret-rotated')).toContainText('just now');
  await expect(row).toContainText(/due in (89|90) d/);
  await expect(watcher.locator(`[data-testid="secret-row"][data-name="${name}"]`).getByTestId('secret-rotated')).toContainText('just now');
  expect(frames.sent.filter((frame) => frame.includes(second))).toHaveLength(1);
  await assertNowhere('after rotating');

  // Edit the scope.
  await row.getByTestId('secret-edit-scope').click();
  const scopeDialog = page.getByTestId('secret-scope-dialog');
  await expect(scopeDialog).toBeVisible();
  await expect(scopeDialog.getByTestId('secret-env-var-input')).toBeFocused();
  await expect(scopeDialog.getByTestId('secret-env-var-input')).toHaveValue(name);
  await expect(scopeDialog.getByTestId('secret-tools-input')).toHaveValue('git_push, http.fetch');
  await scopeDialog.getByTestId('secret-env-var-input').fill('PATH');
  await page.getByTestId('secret-scope-save').click();
  await expect(scopeDialog).toContainText('That variable is reserved');
  await page.screenshot({ path: test.info().outputPath('scope-dialog-error.png'), animations: 'disabled' });
  await scopeDialog.getByTestId('secret-env-var-input').fill(`${name}_TOKEN`);
  await scopeDialog.getByTestId('secret-tools-input').fill('http.fetch');
  await scopeDialog.getByTestId('secret-rotation-input').fill('');
  await page.getByTestId('secret-scope-save').click();
  await expect(scopeDialog).toBeHidden();
  await expect(row.getByTestId('secret-env-var')).toHaveText(`${name}_TOKEN`);
  await expect(row.getByTestId('secret-tools')).toHaveText('http.fetch');
  await expect(row).not.toContainText('due in');
  await expect(watcher.locator(`[data-testid="secret-row"][data-name="${name}"]`).getByTestId('secret-env-var')).toHaveText(`${name}_TOKEN`);
  await assertNowhere('after editing the scope');

  // Delete: Escape cancels, the confirmation names the secret.
  await row.getByTestId('secret-delete').click();
  const deleteDialog = page.getByTestId('secret-delete-dialog');
  await expect(deleteDialog).toContainText(`Delete ${name}?`);
  await expect(deleteDialog).toContainText('http.fetch');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: test.info().outputPath('delete-dialog-dark.png'), animations: 'disabled' });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Escape');
  await expect(deleteDialog).toBeHidden();
  await expect(row).toBeVisible();
  await row.getByTestId('secret-delete').click();
  await page.getByTestId('secret-delete-confirm').click();
  await expect(deleteDialog).toBeHidden();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId('secrets-empty')).toBeVisible();
  await expect(watcher.getByTestId('secrets-empty')).toBeVisible();
  await assertNowhere('after deleting');
});

/** Fills and submits the add form, and waits for the row. */
async function addSecret(page: Page, secret: { name: string; value: string; tools: string; days: string; description: string }) {
  await page.getByTestId('secret-name-input').fill(secret.name);
  await page.getByTestId('secret-add-form').getByTestId('secret-env-var-input').fill('');
  await page.getByTestId('secret-add-form').getByTestId('secret-tools-input').fill(secret.tools);
  await page.getByTestId('secret-add-form').getByTestId('secret-rotation-input').fill(secret.days);
  await page.getByTestId('secret-add-form').getByTestId('secret-description-input').fill(secret.description);
  await page.getByTestId('secret-value-input').fill(secret.value);
  await page.getByTestId('secret-save').click();
  await expect(page.locator(`[data-testid="secret-row"][data-name="${secret.name}"]`)).toBeVisible();
}

test('reminds of secrets past their rotation age until they are rotated', async ({ page }) => {
  const suffix = randomBytes(3).toString('hex').toUpperCase();
  const stale = `DEPLOY_KEY_${suffix}`;
  const fresh = `GITHUB_TOKEN_${suffix}`;
  await page.goto(served.currentLoginUrl());
  await page.getByTestId('nav-secrets').click();
  await expect(page.getByTestId('keychain-banner')).toHaveAttribute('data-state', 'available', { timeout: 20_000 });
  await addSecret(page, { name: stale, value: canary(), tools: 'git_push', days: '30', description: 'Deploy key of the docs site' });
  await addSecret(page, { name: fresh, value: canary(), tools: 'http.fetch, git_push', days: '90', description: 'Fine-grained, repo scope' });
  await expect(page.getByTestId('rotation-reminders')).toHaveCount(0);

  // Age the first one by 45 days, and record a use 2 hours ago, in the console's own metadata.
  const metadata = openSecretMetadata(join(served.dataDir, 'secrets.db'));
  try {
    metadata.markRotated(stale, new Date(Date.now() - 45 * 86_400_000).toISOString());
    metadata.markUsed([fresh], new Date(Date.now() - 2 * 3_600_000).toISOString());
  } finally {
    metadata.close();
  }
  await page.reload();
  const reminders = page.getByTestId('rotation-reminders');
  await expect(reminders).toBeVisible();
  await expect(reminders).toContainText('1 secret is past its rotation age');
  await expect(reminders).toContainText(stale);
  await expect(reminders).toContainText('due 15 d ago');
  await expect(reminders).not.toContainText(fresh);
  const staleRow = page.locator(`[data-testid="secret-row"][data-name="${stale}"]`);
  const freshRow = page.locator(`[data-testid="secret-row"][data-name="${fresh}"]`);
  await expect(staleRow).toHaveAttribute('data-status', 'rotation-due');
  await expect(staleRow.getByTestId('secret-status')).toContainText('Rotation due');
  await expect(freshRow).toHaveAttribute('data-status', 'ok');
  await expect(freshRow.getByTestId('secret-last-used')).toHaveText('2 h ago');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(screenshots, 'view-secrets.png'), animations: 'disabled' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(screenshots, 'view-secrets-dark.png'), animations: 'disabled' });
  await page.emulateMedia({ colorScheme: 'light' });

  // Rotating from the reminder clears it.
  await reminders.getByRole('button', { name: `Rotate ${stale}` }).click();
  await page.getByTestId('secret-rotate-value-input').fill(canary());
  await page.getByTestId('secret-rotate-confirm').click();
  await expect(reminders).toHaveCount(0);
  await expect(staleRow).toHaveAttribute('data-status', 'ok');

  for (const name of [stale, fresh]) {
    await page.locator(`[data-testid="secret-row"][data-name="${name}"]`).getByTestId('secret-delete').click();
    await page.getByTestId('secret-delete-confirm').click();
    await expect(page.locator(`[data-testid="secret-row"][data-name="${name}"]`)).toHaveCount(0);
  }
});

test('says the keychain is missing and disables adding when there is no Secret Service', async ({ page }) => {
  const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const missing = await startConsole({ env });
  try {
    await page.goto(missing.loginUrl);
    await page.getByTestId('nav-secrets').click();
    const banner = page.getByTestId('keychain-banner');
    await expect(banner).toHaveAttribute('data-state', 'missing', { timeout: 20_000 });
    await expect(banner).toContainText('No keychain');
    await expect(banner).toContainText('gnome-keyring');
    await expect(page.getByTestId('secret-save')).toBeDisabled();
    await expect(page.getByTestId('secret-value-input')).toBeDisabled();
    await expect(page.getByTestId('secret-add-blocked')).toContainText('There is no keychain');
    await expect(page.getByTestId('secrets-empty')).toBeVisible();
    await page.screenshot({ path: join(screenshots, 'view-secrets-missing.png'), animations: 'disabled' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: test.info().outputPath('missing-dark.png'), animations: 'disabled' });
  } finally {
    await missing.stop();
  }
});
