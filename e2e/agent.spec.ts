import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { writeTinyModel } from '../app/model/tiny-gguf.ts';
import { installChildRuntime } from '../app/runner/child-runtime.ts';
import { agentUserName, lookupUser } from '../app/runner/probe.ts';
import type { ServedConsole } from './serve-fixture.ts';
import { repoRoot, startConsole } from './serve-fixture.ts';

/*
 * The Agent view in the web console (`warden serve`), driven as a person would: a real GGUF (the
 * tiny generated model) inspected, loaded with its progress bar and given a task; scripted
 * sessions whose tool calls go through the perimeter — a read that succeeds, and a delete_path
 * that waits for a person, denied in the Approvals view and, in a second run, by Stop. As root
 * (CI) the tools run as the sandbox user, who needs a runtime it can read (staged below,
 * root-owned 0755) and a workspace it can read.
 */

const screenshots = join(repoRoot, 'e2e', 'screenshots');
const agentUser = process.getuid?.() === 0 ? lookupUser(agentUserName) : null;
let root: string;
let workspace: string;
let modelPath: string;
let served: ServedConsole;

test.beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  root = realpathSync(mkdtempSync(join(tmpdir(), 'warden-e2e-agent-')));
  chmodSync(root, 0o755);
  const runtimeDir = join(root, 'runtime');
  installChildRuntime(runtimeDir);
  workspace = join(root, 'workspace');
  mkdirSync(workspace, { mode: 0o755 });
  chmodSync(workspace, 0o755);
  if (agentUser) chownSync(workspace, agentUser.uid, agentUser.gid);
  workspaceFile('hello.txt', 'hello from the workspace\n');
  mkdirSync(join(root, 'models'), { mode: 0o755 });
  modelPath = join(root, 'models', 'tiny.gguf');
  writeTinyModel(modelPath);
  served = await startConsole({
    dataDir: join(root, 'data'),
    env: { ...process.env, WARDEN_RUNTIME_DIR: runtimeDir, WARDEN_WORKSPACE: workspace, WARDEN_APPROVAL_TIMEOUT_MS: '120000' },
  });
});

test.afterAll(async () => {
  await served?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A file in the workspace the sandbox user may read (and, were it allowed, delete). */
function workspaceFile(name: string, content: string): string {
  const path = join(workspace, name);
  writeFileSync(path, content, { mode: 0o644 });
  if (agentUser) chownSync(path, agentUser.uid, agentUser.gid);
  return path;
}

async function openAgent(page: Page): Promise<Locator> {
  await page.goto(served.currentLoginUrl());
  await expect(page.getByTestId('view-overview')).toBeVisible();
  await page.getByTestId('nav-agent').click();
  const view = page.getByTestId('view-agent');
  await expect(view.getByRole('heading', { level: 1 })).toHaveText('Agent');
  await expect(page.getByTestId('model-status')).not.toHaveAttribute('data-state', 'unknown');
  return view;
}

const script = (turns: object[], name?: string): string => JSON.stringify({ version: 1, ...(name === undefined ? {} : { name }), turns });

/** Fills the task box for a scripted session and starts it; answers the new session's id. */
async function startScripted(page: Page, task: string, turns: object[], name?: string): Promise<string> {
  await page.getByTestId('agent-model-scripted').check();
  await page.getByTestId('agent-script').fill(script(turns, name));
  await expect(page.getByTestId('agent-script-errors')).toHaveCount(0);
  await page.getByTestId('agent-task').fill(task);
  const body = page.locator('[data-testid="agent-session"] [data-session-id]');
  const before = (await body.count()) > 0 ? await body.getAttribute('data-session-id') : null;
  await page.getByTestId('agent-start').click();
  await expect(body).toHaveAttribute('data-session-id', /\S/);
  if (before !== null) await expect(body).not.toHaveAttribute('data-session-id', before);
  await expect(page.getByTestId('agent-session-task')).toHaveText(task);
  return (await body.getAttribute('data-session-id')) ?? '';
}

/** The view scrolls inside the shell's main area; screenshots start at its top. */
async function scrollToTop(page: Page): Promise<void> {
  await page.locator('#main').evaluate((main) => main.scrollTo(0, 0));
}

const toolStep = (page: Page, tool: string) => page.locator(`[data-testid="agent-step"][data-kind="tool_call"][data-tool="${tool}"]`);

test('a GGUF file is inspected before loading, loads with a progress bar at once, and runs a task', async ({ page }) => {
  await openAgent(page);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'empty');
  // The web console has no file picker: it says to type the path.
  await expect(page.getByTestId('model-pick')).toHaveCount(0);
  await expect(page.getByTestId('model-pick-hint')).toContainText(/type the absolute path/);

  // The contract's path rules are checked before anything is sent.
  await page.getByTestId('model-path-input').fill('tiny.gguf');
  await page.getByTestId('model-inspect').click();
  await expect(page.getByTestId('model-picker')).toContainText('Give the absolute path of the model file.');
  await expect(page.getByTestId('model-metadata')).toHaveCount(0);

  await page.getByTestId('model-path-input').fill(modelPath);
  await page.getByTestId('model-inspect').click();
  const metadata = page.getByTestId('model-metadata');
  await expect(metadata).toHaveAttribute('data-architecture', 'llama');
  await expect(page.getByTestId('model-meta-architecture')).toHaveText('llama');
  await expect(page.getByTestId('model-meta-context')).toContainText('4,096 tokens');
  await expect(page.getByTestId('model-meta-template')).toContainText(/ChatML|present/);
  // Inspecting loads nothing.
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'empty');

  // Every state the bar goes through, and when it first shows, measured in the page.
  await page.evaluate(() => {
    const seen: { phase: string; at: number }[] = [];
    const record = () => {
      const bar = document.querySelector('[data-testid="model-progress"]');
      const phase = bar?.getAttribute('data-phase');
      if (phase && seen.at(-1)?.phase !== phase) seen.push({ phase, at: performance.now() });
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase'] });
    const w = window as unknown as { loadTrace: { clickAt: number; seen: typeof seen } };
    w.loadTrace = { clickAt: 0, seen };
    document.addEventListener('click', (event) => {
      if ((event.target as Element).closest('[data-testid="model-load"]')) w.loadTrace.clickAt = performance.now();
    }, true);
  });
  await page.getByTestId('model-load').click();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(page.getByTestId('model-progress')).toHaveAttribute('data-phase', 'ready');
  await expect(page.getByTestId('model-progress')).toContainText(/Loaded in/);
  const trace = await page.evaluate(() => (window as unknown as { loadTrace: { clickAt: number; seen: { phase: string; at: number }[] } }).loadTrace);
  expect(trace.seen.length).toBeGreaterThan(1);
  expect(trace.seen[0]?.phase).toBe('requested');
  expect(trace.seen.at(-1)?.phase).toBe('ready');
  // The target: progress visible within 100 ms of the click.
  expect((trace.seen[0]?.at ?? Infinity) - trace.clickAt).toBeLessThan(100);
  await expect(page.getByTestId('model-status')).toContainText('llama');
  await expect(page.getByTestId('model-state')).toHaveText('Ready');
  await scrollToTop(page);
  await page.screenshot({ path: join(screenshots, 'agent-model-loaded.png') });

  // A task on the loaded model: what it says is random, but its steps and its end must show.
  await expect(page.getByTestId('agent-model-loaded')).toBeChecked();
  await expect(page.getByTestId('agent-model-choice')).toContainText('Loaded model: warden-tiny-test-model');
  await page.getByTestId('agent-task').fill('List the files in the workspace, then say what you found.');
  await page.getByTestId('agent-max-steps').fill('2');
  await page.getByTestId('agent-start').click();
  await expect(page.getByTestId('agent-session-task')).toHaveText('List the files in the workspace, then say what you found.');
  const status = page.getByTestId('agent-session-status');
  await expect(status).toHaveAttribute('data-status', /^(completed|stopped|failed|budget_exhausted|step_limit)$/, { timeout: 45_000 });
  await expect(page.getByTestId('agent-stop')).toHaveCount(0);
  const steps = page.getByTestId('agent-step');
  await expect(steps.first()).toHaveAttribute('data-kind', 'thinking');
  await expect(steps.first()).not.toHaveAttribute('data-status', 'running');
  expect(await steps.count()).toBeGreaterThan(0);
  await expect(page.locator('[data-testid="agent-step"][data-status="running"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="agent-session-item"]').first()).toHaveAttribute('data-status', (await status.getAttribute('data-status')) ?? '');
  await expect(page.getByTestId('agent-answer')).toBeVisible();

  await page.getByTestId('model-unload').click();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'empty');
  await expect(page.getByTestId('agent-model-scripted')).toBeChecked();
});

test('a scripted session reads a workspace file through the perimeter, then answers', async ({ page }) => {
  await openAgent(page);
  await page.getByTestId('agent-model-scripted').check();
  // The script is checked with the contract's schema before it is sent.
  await page.getByTestId('agent-script').fill('{"version": 2, "turns": []}');
  await expect(page.getByTestId('agent-script-errors')).toContainText('version');
  await page.getByTestId('agent-task').fill('Read hello.txt.');
  const sessions = page.getByTestId('agent-session-item');
  const before = await sessions.count();
  await page.getByTestId('agent-start').click();
  await expect(page.getByTestId('agent-script')).toBeFocused();
  await expect(page.getByTestId('agent-start-error')).toHaveCount(0);
  await expect(sessions).toHaveCount(before);

  const sessionId = await startScripted(
    page,
    'Read hello.txt and tell me what it says.',
    [{ action: { tool: 'read_file', args: { path: 'hello.txt' } }, delayMs: 150 }, { action: { final: 'done' }, delayMs: 150 }],
    'read then answer',
  );
  await expect(page.getByTestId('agent-session-status')).toHaveAttribute('data-status', 'completed', { timeout: 20_000 });
  const read = toolStep(page, 'read_file');
  await expect(read).toHaveCount(1);
  await expect(read).toHaveAttribute('data-status', 'success');
  await expect(read.getByTestId('agent-step-status')).toHaveText('success');
  await expect(read.getByTestId('agent-step-duration')).toHaveText(/\d+(\.\d)? (ms|s)$/);
  await expect(read).toHaveAttribute('data-call-id', /\S+/);
  await expect(page.locator('[data-testid="agent-step"][data-kind="tool_result"]')).toHaveAttribute('data-status', 'success');
  await expect(page.locator('[data-testid="agent-step"][data-kind="answer"]')).toHaveAttribute('data-status', 'success');
  await expect(page.getByTestId('agent-answer')).toHaveText('done');
  await expect(page.getByTestId('agent-answer')).toHaveAttribute('data-final', 'true');
  // Reading a file is untrusted content: the session says so.
  await expect(page.getByTestId('agent-session-tainted')).toContainText('read_file');
  const item = page.locator(`[data-testid="agent-session-item"][data-session-id="${sessionId}"]`);
  await expect(item).toHaveAttribute('data-status', 'completed');
  await expect(item).toHaveAttribute('aria-current', 'true');
  await scrollToTop(page);
  await page.screenshot({ path: join(screenshots, 'view-agent.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(screenshots, 'view-agent-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  // The session's records in the Audit view, filtered by its id.
  await expect(page.getByTestId('agent-link-audit')).toHaveAttribute('href', `#/audit?session=${encodeURIComponent(sessionId)}`);
  await page.getByTestId('agent-link-audit').click();
  await expect(page.getByTestId('view-audit')).toBeVisible();
  await expect(page.getByTestId('audit-filter-session')).toContainText(sessionId);
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await expect(page.getByTestId('audit-grid')).toContainText('read_file');

  // And its calls in the Live view, filtered to the session, the call's detail open.
  await page.getByTestId('nav-agent').click();
  const callId = (await read.getAttribute('data-call-id')) ?? '';
  await read.getByTestId('agent-step-live').click();
  await expect(page.getByTestId('view-live')).toBeVisible();
  await expect(page.getByTestId('live-session-select')).toHaveValue(JSON.stringify(sessionId));
  await expect(page.locator(`[data-testid="live-row"][data-call-id="${callId}"]`)).toBeVisible();
  await expect(page.getByTestId('live-detail')).toHaveAttribute('data-call-id', callId);
});

test('a delete_path call waits for a person: denied in Approvals, and denied by Stop; the file stays', async ({ page }) => {
  const file = workspaceFile('victim.txt', 'keep me');
  await openAgent(page);
  // Every argument is given, as a grammar-constrained model would give it.
  const turns = [{ action: { tool: 'delete_path', args: { path: 'victim.txt', recursive: false } } }, { action: { final: 'deleted?' } }];

  // First run: the step says it waits for a person; the card in Approvals is denied.
  const first = await startScripted(page, 'Delete victim.txt.', turns, 'delete');
  const del = toolStep(page, 'delete_path');
  await expect(del).toHaveAttribute('data-status', 'asked', { timeout: 20_000 });
  await expect(del.getByTestId('agent-step-status')).toHaveText('waiting for a person');
  await expect(page.getByTestId('agent-session-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('agent-stop')).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'agent-asked.png') });
  await del.getByTestId('agent-step-approvals').click();
  await expect(page.getByTestId('view-approvals')).toBeVisible();
  const card = page.getByTestId('approval-card');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('approval-tool')).toHaveText('delete_path');
  await card.getByTestId('approval-deny').click();
  await expect(card).toHaveCount(0);
  await page.getByTestId('nav-agent').click();
  await expect(page.locator('[data-testid="agent-session"] [data-session-id]')).toHaveAttribute('data-session-id', first);
  await expect(del).toHaveAttribute('data-status', 'denied');
  await expect(page.getByTestId('agent-session-status')).toHaveAttribute('data-status', 'completed');
  await expect(page.getByTestId('agent-answer')).toHaveText('deleted?');
  expect(readFileSync(file, 'utf8')).toBe('keep me');

  // Second run: Stop while the call waits: the pending call is denied, the session stopped.
  await startScripted(page, 'Delete victim.txt again.', turns, 'delete again');
  await expect(del).toHaveAttribute('data-status', 'asked', { timeout: 20_000 });
  await page.getByTestId('agent-stop').click();
  await expect(page.getByTestId('agent-session-status')).toHaveAttribute('data-status', 'stopped');
  await expect(del).toHaveAttribute('data-status', 'denied');
  await expect(page.getByTestId('agent-stop')).toHaveCount(0);
  await expect(page.getByTestId('agent-session-error')).toContainText(/Stopped/);
  expect(existsSync(file)).toBe(true);
  await page.getByTestId('nav-approvals').click();
  await expect(page.getByTestId('approvals-empty')).toBeVisible();

  // Back on the first session from the list: its timeline is loaded with agent.get.
  await page.getByTestId('nav-agent').click();
  await page.locator(`[data-testid="agent-session-item"][data-session-id="${first}"]`).click();
  await expect(page.getByTestId('agent-session-task')).toHaveText('Delete victim.txt.');
  await expect(del).toHaveAttribute('data-status', 'denied');
});

test('a model is downloaded only when a person asks, and only over HTTPS', async ({ page }) => {
  await openAgent(page);
  const download = page.getByTestId('model-download');
  await download.locator('summary').click();
  // Checked in the page first: a checksum that is not 64 hex digits never leaves it.
  await page.getByTestId('model-download-url').fill('https://models.example/m.gguf');
  await page.getByTestId('model-download-sha256').fill('abc');
  await page.getByTestId('model-download-start').click();
  await expect(page.getByTestId('model-download-problem')).toBeVisible();
  // Then the core refuses plain HTTP before any network access.
  await page.getByTestId('model-download-sha256').fill('');
  await page.getByTestId('model-download-url').fill('http://models.example/m.gguf');
  await page.getByTestId('model-download-start').click();
  await expect(page.getByTestId('model-download-error')).toContainText('HTTPS only');
  await expect(page.getByTestId('model-download-saved')).toHaveCount(0);
});
