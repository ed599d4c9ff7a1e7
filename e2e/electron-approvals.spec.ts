import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { ElectronApplication, Page } from 'playwright';
import { _electron } from 'playwright';
import { installChildRuntime } from '../app/runner/child-runtime.ts';
import { agentUserName, lookupUser } from '../app/runner/probe.ts';
import { electronBinaryPath } from '../scripts/electron-binary.ts';

/*
 * The approvals flow in the desktop app (against `npm run build` output): a delete_path call
 * made from the window (the desktop interface; `warden tool` reaching the desktop app through its
 * CLI endpoint is tested in app/cli/console-client.test.ts), its card, deny, approve, the timeout,
 * and a restart with a card pending.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const executablePath = electronBinaryPath(root);
// Playwright's list reporter does not print skip reasons; say it where CI logs show it.
if (executablePath === null) console.log('e2e/electron-approvals.spec.ts: skipped: no Electron binary (node_modules/electron/dist is missing)');

type CallResult = { ok: boolean; value?: { status: string; decidedBy: { kind: string; name: string } | null } };
/** What the page's global object looks like from the outside; evaluated in the page. */
type PageGlobal = Record<string, unknown> & {
  warden: { tools: { call(input: { name: string; args: Record<string, unknown> }): Promise<CallResult> } };
  pendingCall?: Promise<CallResult>;
};

test.describe('desktop app (Electron): approvals', () => {
  test.skip(executablePath === null, 'skipped: no Electron binary');

  const agent = process.getuid?.() === 0 ? lookupUser(agentUserName) : null;
  let scratch: string;
  let dataDir: string;
  let workspace: string;
  let runtimeDir: string;
  let app: ElectronApplication | undefined;
  let page: Page;

  const launch = async (timeoutMs: number) => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    delete env.ELECTRON_RUN_AS_NODE;
    Object.assign(env, {
      WARDEN_DATA_DIR: dataDir,
      WARDEN_WORKSPACE: workspace,
      WARDEN_RUNTIME_DIR: runtimeDir,
      WARDEN_APPROVAL_TIMEOUT_MS: String(timeoutMs),
    });
    const args = process.getuid?.() === 0 ? ['--no-sandbox', '.'] : ['.'];
    app = await _electron.launch({ executablePath: executablePath ?? '', args, cwd: root, env });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await page.getByTestId('nav-approvals').click();
    await expect(page.getByTestId('view-approvals')).toBeVisible();
  };

  const victim = (name: string): string => {
    const path = join(workspace, name);
    writeFileSync(path, 'hello victim');
    if (agent) chownSync(path, agent.uid, agent.gid);
    return path;
  };

  /** Starts a call from the window, as the desktop interface; `finish()` waits for its outcome. */
  const startCall = async (path: string) => {
    await page.evaluate((name) => {
      const g = globalThis as unknown as PageGlobal;
      g.pendingCall = g.warden.tools.call({ name: 'delete_path', args: { path: name } });
    }, path);
  };
  const finish = () => page.evaluate(() => (globalThis as unknown as PageGlobal).pendingCall);

  test.beforeAll(async () => {
    scratch = realpathSync(mkdtempSync(join(tmpdir(), 'warden-e2e-electron-approvals-')));
    chmodSync(scratch, 0o755);
    runtimeDir = join(scratch, 'runtime');
    installChildRuntime(runtimeDir);
    workspace = join(scratch, 'workspace');
    mkdirSync(workspace, { mode: 0o755 });
    chmodSync(workspace, 0o755);
    if (agent) chownSync(workspace, agent.uid, agent.gid);
    dataDir = join(scratch, 'data');
    await launch(120_000);
  });

  test.afterAll(async () => {
    await app?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test('the card shows what would be deleted; Deny keeps the file and records the person on the desktop', async () => {
    const file = victim('victim.txt');
    await startCall('victim.txt');
    const card = page.getByTestId('approval-card');
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId('preview-delete-entry')).toContainText(file);
    await expect(page.getByTestId('nav-approvals-count')).toHaveText(/^1/);
    const callId = (await card.getAttribute('data-call-id')) ?? '';
    await card.getByTestId('approval-deny').click();
    const result = await finish();
    expect(result?.value?.status).toBe('denied');
    expect(result?.value?.decidedBy?.kind).toBe('person');
    expect(existsSync(file)).toBe(true);
    const row = page.locator(`[data-testid="approval-history-row"][data-call-id="${callId}"]`);
    await expect(row).toHaveAttribute('data-decision', 'deny');
    await expect(row).toHaveAttribute('data-interface', 'desktop');
  });

  test('Approve (the A key) deletes the file', async () => {
    const file = victim('victim.txt');
    await startCall('victim.txt');
    await expect(page.getByTestId('approval-card')).toHaveCount(1);
    await page.keyboard.press('a');
    expect((await finish())?.value?.status).toBe('success');
    expect(existsSync(file)).toBe(false);
  });

  test('a call left alone is denied by the timeout', async () => {
    await app?.close();
    await launch(3000);
    const file = victim('victim.txt');
    await startCall('victim.txt');
    const card = page.getByTestId('approval-card');
    await expect(card).toHaveCount(1);
    const callId = (await card.getAttribute('data-call-id')) ?? '';
    const result = await finish();
    expect(result?.value?.status).toBe('denied');
    expect(result?.value?.decidedBy?.kind).toBe('timeout');
    expect(existsSync(file)).toBe(true);
    await expect(page.locator(`[data-testid="approval-history-row"][data-call-id="${callId}"]`)).toHaveAttribute('data-by-kind', 'timeout');
  });

  test('a restart with a card pending shows it expired, never approved', async () => {
    await app?.close();
    await launch(120_000);
    const file = victim('victim.txt');
    await startCall('victim.txt');
    const card = page.getByTestId('approval-card');
    await expect(card).toHaveCount(1);
    const callId = (await card.getAttribute('data-call-id')) ?? '';
    await app?.close();
    await launch(120_000);
    await expect(page.getByTestId('approvals-empty')).toBeVisible();
    const row = page.locator(`[data-testid="approval-history-row"][data-call-id="${callId}"]`);
    await expect(row).toHaveAttribute('data-state', 'expired');
    await expect(row).toHaveAttribute('data-by-kind', 'restart');
    expect(existsSync(file)).toBe(true);
  });
});
