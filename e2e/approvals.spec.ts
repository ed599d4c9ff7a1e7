import { spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { connectToConsole } from '../app/cli/console-client.ts';
import { installChildRuntime } from '../app/runner/child-runtime.ts';
import { agentUserName, lookupUser } from '../app/runner/probe.ts';
import type { ServedConsole } from './serve-fixture.ts';
import { repoRoot, startConsole } from './serve-fixture.ts';

/*
 * Human approval, end to end, the way a headless user works: `warden tool …` on the command line
 * sends the call through the running console (`warden serve`), the card appears in the browser,
 * a person answers there, and the command line, the file system, the audit trail and the Live
 * view all agree. As root (CI), tools run as the sandbox user, who needs a runtime it can read
 * (staged below, root-owned 0755) and a workspace it owns.
 */

const screenshots = join(repoRoot, 'e2e', 'screenshots');
const agent = process.getuid?.() === 0 ? lookupUser(agentUserName) : null;
let root: string;
let runtimeDir: string;
let workspace: string;
let dataDir: string;
let served: ServedConsole;

const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  WARDEN_RUNTIME_DIR: runtimeDir,
  WARDEN_WORKSPACE: workspace,
  // Long enough to answer by hand; the timeout test starts its own console with a short one.
  WARDEN_APPROVAL_TIMEOUT_MS: '120000',
  ...extra,
});

test.beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  root = realpathSync(mkdtempSync(join(tmpdir(), 'warden-e2e-approvals-')));
  chmodSync(root, 0o755);
  runtimeDir = join(root, 'runtime');
  installChildRuntime(runtimeDir);
  workspace = join(root, 'workspace');
  mkdirSync(workspace, { mode: 0o755 });
  chmodSync(workspace, 0o755);
  if (agent) chownSync(workspace, agent.uid, agent.gid);
  dataDir = join(root, 'data');
  served = await startConsole({ dataDir, env: env() });
});

test.afterAll(async () => {
  await served?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A file in the workspace the sandbox user may delete. */
function victim(name: string, content: string): string {
  const path = join(workspace, name);
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o755 });
  writeFileSync(path, content);
  if (agent) {
    chownSync(join(path, '..'), agent.uid, agent.gid);
    chownSync(path, agent.uid, agent.gid);
  }
  return path;
}

interface ToolRun {
  /** Resolves once the command says it waits for a decision in the console. */
  readonly waiting: Promise<void>;
  readonly done: Promise<{ code: number | null; out: string; err: string }>;
}

/** `warden tool NAME --args JSON --data-dir …`, exactly as a person would type it. */
function runTool(name: string, args: object, extra: string[] = [], extraEnv: NodeJS.ProcessEnv = {}): ToolRun {
  const child = spawn(process.execPath, ['app/cli/warden.ts', 'tool', name, '--args', JSON.stringify(args), '--data-dir', dataDir, ...extra], {
    cwd: repoRoot,
    env: env(extraEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let wake: () => void = () => {};
  const waiting = new Promise<void>((resolve) => (wake = resolve));
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    if (err.includes('Waiting for a decision')) wake();
  });
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.once('close', (code) => resolve({ code, out, err })));
  return { waiting, done };
}

async function login(page: Page, on: ServedConsole = served): Promise<void> {
  await page.goto(on.currentLoginUrl());
  await expect(page.getByTestId('view-overview')).toBeVisible();
}

async function openApprovals(page: Page, on: ServedConsole = served) {
  await login(page, on);
  await page.getByTestId('nav-approvals').click();
  const view = page.getByTestId('view-approvals');
  await expect(view.getByRole('heading', { level: 1 })).toHaveText('Approvals');
  await expect(page.getByTestId('approvals-pending-count')).toBeVisible();
  return view;
}

const cards = (page: Page) => page.getByTestId('approval-card');

/**
 * `view-<name>.png` as asked, and `<name>.png`: console.spec.ts, which runs after this file, also
 * writes view-approvals.png and view-live.png (the empty views); the second name keeps these.
 */
async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `view-${name}.png`) });
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

/** Console errors (CSP violations among them) and uncaught page errors, to be asserted empty. */
function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}
const historyRow = (page: Page, callId: string) => page.locator(`[data-testid="approval-history-row"][data-call-id="${callId}"]`);

test('a delete_path call shows its card with what would be deleted; Deny keeps the file and every record says the person denied it', async ({ page }) => {
  const problems = problemsOf(page);
  const file = victim('victim.txt', 'hello victim');
  await openApprovals(page);
  await expect(page.getByTestId('approvals-empty')).toBeVisible();
  await expect(page).toHaveTitle('Approvals · Warden');

  const run = runTool('delete_path', { path: 'victim.txt' });
  const card = cards(page);
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('approval-tool')).toHaveText('delete_path');
  await expect(card.getByTestId('approval-risk')).toHaveText('destructive');
  await expect(card.getByTestId('approval-reason')).toContainText(/destructive/);
  const entry = card.getByTestId('preview-delete-entry');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(file);
  await expect(entry).toContainText('12 B');
  await expect(card.getByTestId('preview-delete-total')).toHaveText('1 item, 12 B');
  // The card shows the call exactly as it would run: the canonical path and the defaults filled in.
  await expect(card.getByTestId('approval-args')).toContainText(/"path": "\/.*\/victim\.txt"/);
  await expect(card.getByTestId('approval-args')).toContainText('"recursive": false');
  await expect(card).toContainText('cli user');
  // The timer counts down to the default deny, live.
  const countdown = card.getByTestId('approval-countdown');
  await expect(countdown).toContainText(/Denied in (2:00|1:5\d)/);
  const left = Number(await countdown.getAttribute('data-remaining-ms'));
  await expect.poll(async () => Number(await countdown.getAttribute('data-remaining-ms'))).toBeLessThan(left - 500);
  // Attention: the window title and the sidebar count it.
  await expect(page).toHaveTitle('(1) Approvals · Warden');
  await expect(page.getByTestId('nav-approvals-count')).toHaveText(/^1/);
  await shoot(page, 'approvals');

  const callId = (await card.getAttribute('data-call-id')) ?? '';
  await card.getByTestId('approval-deny').click();
  const result = await run.done;
  expect(result.code).toBe(1);
  expect(result.out).toMatch(/^delete_path: denied \(ask by person: console session [\w-]+\)/);
  expect(existsSync(file)).toBe(true);
  expect(readFileSync(file, 'utf8')).toBe('hello victim');

  await expect(cards(page)).toHaveCount(0);
  await expect(page).toHaveTitle('Approvals · Warden');
  await expect(page.getByTestId('nav-approvals-count')).toHaveCount(0);
  await expect(page.getByTestId('approvals-notice')).toContainText(/delete_path denied by console session [\w-]+ \(person, web console\)/);
  const row = historyRow(page, callId);
  await expect(row).toHaveAttribute('data-decision', 'deny');
  await expect(row).toHaveAttribute('data-by-kind', 'person');
  await expect(row).toHaveAttribute('data-interface', 'web');
  await expect(row).toContainText('Denied');
  await expect(row.getByTestId('approval-history-by')).toHaveText(/^console session [\w-]+$/);

  // The audit trail, searched from the Audit view: the decision, by whom, from which interface.
  await page.goto(`${served.origin}/#/audit?kind=approval&status=denied`);
  await expect(page.getByTestId('audit-row').first()).toContainText(/delete_path denied by console session [\w-]+ \(web\)/);
  await page.getByTestId('audit-row').first().click();
  await expect(page.getByTestId('audit-detail')).toContainText(/deny — by person console session [\w-]+/);
  expect(problems).toEqual([]);
});

test('answered in one window, the card leaves every other window at once', async ({ page, browser }) => {
  victim('two.txt', 'two');
  await openApprovals(page);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  try {
    await openApprovals(otherPage);
    const run = runTool('delete_path', { path: 'two.txt' });
    await expect(cards(page)).toHaveCount(1);
    await expect(cards(otherPage)).toHaveCount(1);
    await expect(otherPage).toHaveTitle('(1) Approvals · Warden');
    await cards(otherPage).getByTestId('approval-deny').click();
    await expect(cards(page)).toHaveCount(0);
    await expect(page.getByTestId('approvals-notice')).toContainText(/delete_path denied by console session [\w-]+ \(person, web console\)/);
    await expect(page).toHaveTitle('Approvals · Warden');
    expect((await run.done).code).toBe(1);
  } finally {
    await other.close();
  }
});

test('a second run approved in the console deletes the file, and the command succeeds', async ({ page }) => {
  const file = victim('victim.txt', 'hello victim');
  await openApprovals(page);
  const run = runTool('delete_path', { path: 'victim.txt' });
  await run.waiting;
  const card = cards(page);
  await expect(card).toHaveCount(1);
  const callId = (await card.getAttribute('data-call-id')) ?? '';
  await card.getByTestId('approval-approve').click();
  const result = await run.done;
  expect(result.out).toMatch(/^delete_path: success \(ask by person: console session [\w-]+\)/);
  expect(result.code).toBe(0);
  expect(existsSync(file)).toBe(false);
  const row = historyRow(page, callId);
  await expect(row).toHaveAttribute('data-decision', 'approve');
  await expect(row).toContainText('Approved');
  await expect(row).toContainText('web console');
});

test('keys: arrows move between cards, D denies and A approves the active one', async ({ page }) => {
  const keep = victim('keys/keep.txt', 'keep me');
  const drop = victim('keys/drop.txt', 'drop me');
  await openApprovals(page);
  const first = runTool('delete_path', { path: 'keys/keep.txt' });
  await expect(cards(page)).toHaveCount(1);
  const second = runTool('delete_path', { path: 'keys/drop.txt' });
  await expect(cards(page)).toHaveCount(2);
  await expect(page).toHaveTitle('(2) Approvals · Warden');
  await expect(page.getByTestId('nav-approvals-count')).toHaveText(/^2/);
  // The one the timeout denies first is on top, and active.
  await expect(cards(page).nth(0)).toContainText('keys/keep.txt');
  await expect(cards(page).nth(0)).toHaveAttribute('data-active', 'true');

  await page.keyboard.press('ArrowDown');
  await expect(cards(page).nth(1)).toHaveAttribute('data-active', 'true');
  await expect(cards(page).nth(1)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(cards(page).nth(0)).toHaveAttribute('data-active', 'true');
  await page.screenshot({ path: join(screenshots, 'approvals-two-cards.png') });
  await page.keyboard.press('d');
  const denied = await first.done;
  expect(denied.code).toBe(1);
  expect(denied.out).toContain('denied');

  // The remaining card becomes the active one; A approves it.
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).nth(0)).toHaveAttribute('data-active', 'true');
  await expect(page).toHaveTitle('(1) Approvals · Warden');
  await page.keyboard.press('a');
  const approved = await second.done;
  expect(approved.code).toBe(0);
  expect(existsSync(keep)).toBe(true);
  expect(existsSync(drop)).toBe(false);
  await expect(page).toHaveTitle('Approvals · Warden');
});

test('"g a" goes to Approvals without approving anything', async ({ page }) => {
  const file = victim('nav.txt', 'stay');
  await login(page);
  const run = runTool('delete_path', { path: 'nav.txt' });
  await run.waiting;
  await page.keyboard.press('g');
  await page.keyboard.press('a');
  await expect(page.getByTestId('view-approvals')).toBeVisible();
  await expect(cards(page)).toHaveCount(1);
  await page.waitForTimeout(300);
  await expect(cards(page)).toHaveCount(1);
  await cards(page).getByTestId('approval-deny').click();
  expect((await run.done).code).toBe(1);
  expect(existsSync(file)).toBe(true);
});

test('Approve & remember shows the rule in words before saving it; the next identical call runs without a card', async ({ page }) => {
  const path = victim('remember/notes.txt', 'v1');
  await openApprovals(page);
  const run = runTool('delete_path', { path });
  const card = cards(page);
  await expect(card).toHaveCount(1);
  await card.getByTestId('approval-remember').click();
  const panel = card.getByTestId('approval-remember-panel');
  await expect(panel.getByTestId('approval-rule-words')).toHaveText(`Allow delete_path of ${path} exactly`);
  // The folder scope is offered too (the folder is below the workspace); the words follow the choice.
  await panel.getByTestId('approval-scope-directory').check();
  await expect(panel.getByTestId('approval-rule-words')).toHaveText(`Allow delete_path of anything under ${join(workspace, 'remember')}/`);
  await panel.getByTestId('approval-scope-exact').check();
  await expect(panel.getByTestId('approval-rule-words')).toHaveText(`Allow delete_path of ${path} exactly`);
  await page.screenshot({ path: join(screenshots, 'approvals-remember.png') });
  await panel.getByTestId('approval-remember-save').click();
  expect((await run.done).code).toBe(0);
  expect(existsSync(path)).toBe(false);
  await expect(page.getByTestId('approvals-notice')).toContainText(`Rule saved: Allow delete_path of ${path} exactly`);

  // Same call again: the remembered rule approves it; no card, and the history says so.
  victim('remember/notes.txt', 'v2');
  const again = await runTool('delete_path', { path }).done;
  expect(again.code).toBe(0);
  expect(again.out).toMatch(/success \(ask by rule: remembered rule "Allow delete_path of .* exactly"\)/);
  expect(existsSync(path)).toBe(false);
  await expect(cards(page)).toHaveCount(0);
  await expect(page.locator('[data-testid="approval-history-row"][data-by-kind="rule"]').first()).toContainText('remembered rule');
});

test('a call that names a relative path is remembered by its canonical path, never a broader one', async ({ page }) => {
  victim('relative.txt', 'x');
  await openApprovals(page);
  const run = runTool('delete_path', { path: 'relative.txt' });
  const card = cards(page);
  await expect(card).toHaveCount(1);
  await page.keyboard.press('r');
  const panel = card.getByTestId('approval-remember-panel');
  await expect(panel).toBeVisible();
  // The rule in words names the one file, by its absolute path.
  await expect(panel.getByTestId('approval-rule-words')).toContainText(/Allow delete_path of \/.*\/relative\.txt exactly/);
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await card.getByTestId('approval-deny').click();
  expect((await run.done).code).toBe(1);
});

test('a write_file card shows the change as a coloured diff', async ({ page }) => {
  victim('notes.md', 'line one\nline two\nline three\n');
  await openApprovals(page);
  const run = runTool('write_file', { path: 'notes.md', content: 'line one\nline 2\nline three\nline four\n' });
  const card = cards(page);
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('approval-risk')).toHaveText('write');
  const diff = card.getByTestId('preview-diff');
  await expect(diff.locator('.preview-diff__line--del .preview-diff__text')).toHaveText(['removed: -line two']);
  await expect(diff.locator('.preview-diff__line--add .preview-diff__text')).toHaveText(['added: +line 2', 'added: +line four']);
  const colours = await diff.locator('.preview-diff__line--add').first().evaluate((row) => getComputedStyle(row).backgroundColor);
  expect(colours).not.toBe('rgba(0, 0, 0, 0)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'approvals-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await card.getByTestId('approval-deny').click();
  expect((await run.done).code).toBe(1);
});

test('notifies through the browser for a new request when asked to, and only then', async ({ page }) => {
  // A stand-in for the Notifications API that records what the page shows, with permission
  // granted on request, and a window that is not focused (the person is elsewhere).
  await page.addInitScript(() => {
    const shown: Array<{ title: string; body: string }> = [];
    class FakeNotification {
      static permission: NotificationPermission = 'default';
      static requestPermission(): Promise<NotificationPermission> {
        FakeNotification.permission = 'granted';
        return Promise.resolve('granted');
      }
      onclick: (() => void) | null = null;
      onclose: (() => void) | null = null;
      constructor(title: string, options: { body?: string } = {}) {
        shown.push({ title, body: options.body ?? '' });
      }
      close(): void {}
    }
    Object.assign(window, { Notification: FakeNotification, shownNotifications: shown });
    document.hasFocus = () => false;
  });
  victim('notify.txt', 'n');
  await openApprovals(page);
  const shown = () => page.evaluate(() => (window as unknown as { shownNotifications: Array<{ title: string }> }).shownNotifications.length);

  const quiet = runTool('delete_path', { path: 'notify.txt' });
  await expect(cards(page)).toHaveCount(1);
  expect(await shown()).toBe(0);
  await cards(page).getByTestId('approval-deny').click();
  await quiet.done;

  const button = page.getByTestId('approvals-notify');
  await expect(button).toHaveAttribute('data-state', 'off');
  await button.click();
  await expect(button).toHaveAttribute('data-state', 'on');
  const run = runTool('delete_path', { path: 'notify.txt' });
  await expect(cards(page)).toHaveCount(1);
  await expect.poll(shown).toBe(1);
  const [notification] = await page.evaluate(() => (window as unknown as { shownNotifications: Array<{ title: string; body: string }> }).shownNotifications);
  expect(notification?.title).toBe('Approve delete_path? (destructive)');
  expect(notification?.body).toContain('No answer in time means deny.');
  await cards(page).getByTestId('approval-deny').click();
  await run.done;
});

test('the Live view shows every call with its states, captured while another view was open', async ({ page }) => {
  const problems = problemsOf(page);
  victim('live.txt', 'x'.repeat(2048));
  await openApprovals(page);
  const deny = runTool('delete_path', { path: 'live.txt' }, ['--session', 'e2e-live']);
  await expect(cards(page)).toHaveCount(1);
  const deniedId = (await cards(page).getAttribute('data-call-id')) ?? '';
  await page.keyboard.press('d');
  expect((await deny.done).code).toBe(1);
  const read = await runTool('read_file', { path: 'live.txt' }, ['--session', 'e2e-live']).done;
  expect(read.code).toBe(0);

  await page.getByTestId('nav-live').click();
  const view = page.getByTestId('view-live');
  await expect(view.getByRole('heading', { level: 1 })).toHaveText('Live');
  const denied = page.locator(`[data-testid="live-row"][data-call-id="${deniedId}"]`);
  await expect(denied).toHaveAttribute('data-status', 'denied');
  await expect(denied).toHaveAttribute('data-state', 'finished');
  await expect(denied.getByTestId('live-status')).toHaveText('denied');
  const success = page.locator('[data-testid="live-row"][data-status="success"]', { hasText: 'read_file' }).first();
  await expect(success).toBeVisible();
  // Newest on top: the read came after the delete.
  const ids = await page.getByTestId('live-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-call-id')));
  const successId = await success.getAttribute('data-call-id');
  expect(ids.indexOf(successId)).toBeLessThan(ids.indexOf(deniedId));

  // The detail panel: the whole life of the call, who decided, and the way to the audit trail.
  await denied.click();
  const detail = page.getByTestId('live-detail');
  await expect(detail).toHaveAttribute('data-call-id', deniedId);
  await expect(detail.getByTestId('live-detail-steps').locator('li')).toHaveText([/^queued/, /^asked/, /^denied/, /^finished/]);
  await expect(detail.getByTestId('live-detail-by')).toContainText(/console session [\w-]+ \(person\)/);
  await expect(detail.getByTestId('live-detail-decision')).toContainText('ask');
  await expect(detail.getByTestId('live-detail-args')).toContainText('"path": "live.txt"');
  await expect(detail.getByTestId('preview-delete')).toContainText('2 KB');
  await shoot(page, 'live');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'live-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Filters: by session, tool and status.
  await page.getByTestId('live-status-select').selectOption('denied');
  await expect.poll(async () => new Set(await page.getByTestId('live-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status'))))).toEqual(
    new Set(['denied']),
  );
  await page.getByTestId('live-clear-filters').click();
  await page.getByTestId('live-session-select').selectOption({ label: 'e2e-live' });
  await page.getByTestId('live-tool-select').selectOption('read_file');
  await expect(page.getByTestId('live-row')).toHaveCount(1);
  await expect(page.getByTestId('live-row')).toHaveAttribute('data-status', 'success');
  await page.getByTestId('live-clear-filters').click();

  // Keyboard: the grid takes focus, arrows move, Escape closes the panel.
  await page.getByTestId('live-grid').focus();
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-detail')).toBeVisible();
  await page.keyboard.press('Escape');

  // The audit trail, narrowed to that call.
  await denied.click();
  await page.getByTestId('live-detail-audit').click();
  await expect(page.getByTestId('view-audit')).toBeVisible();
  await expect(page.getByTestId('audit-search')).not.toHaveValue('');
  await expect(page.getByTestId('audit-row').filter({ hasText: /delete_path denied by console session/ }).first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('the Live view holds still while scrolled down, counts new calls and resumes on request', async ({ page }) => {
  await login(page);
  await page.getByTestId('nav-live').click();
  // Calls the policy refuses at once (run_command is off): many rows, quickly, through the console.
  const client = await connectToConsole(dataDir);
  if (!client) throw new Error('the console is not reachable from the command line');
  const burst = async (count: number, tag: string) => {
    await Promise.all(Array.from({ length: count }, (_, i) => client.request('tools.call', { name: 'run_command', args: { argv: ['true', `${tag}-${i}`] } })));
  };
  try {
    await burst(80, 'first');
    await expect(page.getByTestId('live-counts')).toHaveAttribute('data-calls', /^\d+$/);
    await expect.poll(async () => Number(await page.getByTestId('live-counts').getAttribute('data-calls'))).toBeGreaterThanOrEqual(80);
    const grid = page.getByTestId('live-grid');
    await expect(grid).toHaveAttribute('data-holding', 'false');
    await grid.evaluate((element) => element.scrollTo({ top: 20 * 30 }));
    await expect(grid).toHaveAttribute('data-holding', 'true');
    const topRow = async () =>
      grid.evaluate((element) => {
        const top = element.getBoundingClientRect().top + 30 + 2;
        const rows = [...element.querySelectorAll<HTMLElement>('[data-testid="live-row"]')];
        return rows.find((row) => {
          const box = row.getBoundingClientRect();
          return box.top <= top && box.bottom > top;
        })?.dataset['callId'];
      });
    const before = await topRow();
    await burst(7, 'second');
    await expect(page.getByTestId('live-new-count')).toHaveText('7');
    expect(await topRow()).toBe(before);
    await page.screenshot({ path: join(screenshots, 'live-held.png') });
    await page.getByTestId('live-resume').click();
    await expect(grid).toHaveAttribute('data-holding', 'false');
    expect(await grid.evaluate((element) => element.scrollTop)).toBe(0);
    await expect(page.getByTestId('live-held')).toHaveCount(0);
    // The Pause button holds the list still at the top too.
    await page.getByTestId('live-pause').click();
    await burst(3, 'third');
    await expect(page.getByTestId('live-new-count')).toHaveText('3');
    await page.getByTestId('live-resume').click();
    await expect(page.getByTestId('live-pause')).toHaveAttribute('aria-pressed', 'false');
  } finally {
    client.close();
  }
});

test('a call left alone is denied by the timeout', async ({ page }) => {
  // A console whose approvals wait three seconds, on the same data dir.
  await served.stop();
  served = await startConsole({ dataDir, env: env({ WARDEN_APPROVAL_TIMEOUT_MS: '3000' }) });
  const file = victim('victim.txt', 'hello victim');
  await openApprovals(page);
  const run = runTool('delete_path', { path: 'victim.txt' });
  await expect(cards(page)).toHaveCount(1);
  const callId = (await cards(page).getAttribute('data-call-id')) ?? '';
  await expect(cards(page).getByTestId('approval-countdown')).toContainText(/Denied in 0:0[0-3]/);
  const result = await run.done;
  expect(result.code).toBe(1);
  expect(result.out).toMatch(/denied \(ask by timeout: the approval timeout \(3 seconds\)\)/);
  expect(existsSync(file)).toBe(true);
  await expect(cards(page)).toHaveCount(0);
  const row = historyRow(page, callId);
  await expect(row).toHaveAttribute('data-state', 'expired');
  await expect(row).toHaveAttribute('data-by-kind', 'timeout');
  await expect(row).toContainText('Expired (timeout)');
  await expect(page.getByTestId('approvals-notice')).toContainText('denied by the approval timeout');
});

test('a restart with a card pending shows it expired, never approved', async ({ page }) => {
  await served.stop();
  served = await startConsole({ dataDir, env: env() });
  const file = victim('victim.txt', 'hello victim');
  await openApprovals(page);
  const run = runTool('delete_path', { path: 'victim.txt' });
  await expect(cards(page)).toHaveCount(1);
  const callId = (await cards(page).getAttribute('data-call-id')) ?? '';

  // Stop the console while the card waits (SIGTERM), then start a new one on the same data dir.
  await served.stop();
  const result = await run.done;
  expect(result.code).not.toBe(0);
  expect(existsSync(file)).toBe(true);
  served = await startConsole({ dataDir, env: env() });
  await openApprovals(page);
  await expect(page.getByTestId('approvals-empty')).toBeVisible();
  const row = historyRow(page, callId);
  await expect(row).toHaveAttribute('data-state', 'expired');
  await expect(row).toHaveAttribute('data-decision', 'deny');
  await expect(row).toHaveAttribute('data-by-kind', 'restart');
  await expect(row).toContainText('Expired (restart)');
  await expect(page.locator(`[data-testid="approval-history-row"][data-decision="approve"][data-call-id="${callId}"]`)).toHaveCount(0);
  expect(existsSync(file)).toBe(true);
});
