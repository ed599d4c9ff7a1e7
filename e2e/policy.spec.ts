import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import type { ConsoleClient } from '../app/cli/console-client.ts';
import { connectToConsole } from '../app/cli/console-client.ts';
import type { AuditEvent, Policy } from '../app/contract/index.ts';
import type { ServedConsole } from './serve-fixture.ts';
import { repoRoot, startConsole } from './serve-fixture.ts';

const screenshots = join(repoRoot, 'e2e', 'screenshots');
let served: ServedConsole;
let client: ConsoleClient;
/** The workspace the console's first policy starts from (canonical: the core resolves symlinks). */
let workspace: string;

test.beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  workspace = realpathSync(mkdtempSync(join(tmpdir(), 'warden-e2e-policy-ws-')));
  served = await startConsole({ env: { ...process.env, WARDEN_WORKSPACE: workspace } });
  // A second client of the same console, as another admin (or the CLI) would be.
  const connected = await connectToConsole(served.dataDir);
  if (connected === null) throw new Error('no console to connect to');
  client = connected;
});
test.afterAll(async () => {
  client.close();
  await served.stop();
  rmSync(workspace, { recursive: true, force: true });
});

async function openPolicy(page: Page) {
  await page.goto(served.currentLoginUrl());
  await expect(page.getByTestId('view-overview')).toBeVisible();
  await page.goto(`${served.origin}/#/policy`);
  const view = page.getByTestId('view-policy');
  await expect(view.getByRole('heading', { level: 1 })).toHaveText('Policy');
  await expect(page.getByTestId('policy-isolation')).toBeVisible();
  return view;
}

/** policy.json as the core wrote it. */
const policyOnDisk = (): Policy => JSON.parse(readFileSync(join(served.dataDir, 'policy.json'), 'utf8')) as Policy;

/** `warden audit search --json`, run beside the console on its data dir, as an admin would. */
function auditSearch(...args: string[]): AuditEvent[] {
  const out = execFileSync(process.execPath, ['app/cli/warden.ts', 'audit', 'search', ...args, '--json', '--data-dir', served.dataDir], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, WARDEN_WORKSPACE: workspace },
  });
  return (JSON.parse(out) as { events: AuditEvent[] }).events;
}

const startEditing = async (page: Page) => {
  await page.getByTestId('policy-edit').click();
  await expect(page.getByTestId('view-policy')).toHaveAttribute('data-editing', 'true');
  await expect(page.getByTestId('policy-workspace-input')).toBeFocused();
};

test('shows the perimeter, the tools, the rules, the limits and the isolation level with what is missing', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  const view = await openPolicy(page);
  await expect(view).not.toContainText(/not available yet/i);
  await expect(page.getByTestId('policy-workspace')).toHaveText(workspace);
  await expect(page.getByTestId('policy-read')).toContainText('read-write');
  await expect(page.getByTestId('policy-reach')).toContainText('No host is on the network allowlist');
  await expect(page.getByTestId('policy-run')).toContainText('run_command is not enabled');

  // The isolation level and what is missing are the core's own report, item by item.
  const report = await client.request('policy.get', {});
  const system = await client.request('system.info', {});
  const isolation = page.getByTestId('policy-isolation');
  await expect(isolation).toHaveAttribute('data-level', report.isolation.level);
  expect(system.isolation).toBe(report.isolation.level);
  await expect(page.getByTestId('policy-isolation-level')).toHaveText(new RegExp(report.isolation.level, 'i'));
  await expect(page.getByTestId('policy-missing-item')).toHaveCount(report.isolation.missing.length);
  for (const [index, item] of report.isolation.missing.entries()) {
    await expect(page.getByTestId('policy-missing-item').nth(index)).toContainText(item.what);
    await expect(page.getByTestId('policy-missing-item').nth(index)).toContainText(item.fix);
  }
  await expect(page.getByTestId('policy-accept-isolation')).toHaveCount(report.isolation.level === 'full' ? 0 : 1);

  // Enabled tools with their risk class badges; the default policy leaves run_command and http_request off.
  await expect(page.getByTestId('policy-tool-read_file')).toHaveAttribute('data-enabled', 'true');
  await expect(page.getByTestId('policy-tool-delete_path')).toContainText('destructive');
  await expect(page.getByTestId('policy-tool-run_command')).toHaveAttribute('data-enabled', 'false');
  await expect(page.getByTestId('policy-tool-run_command')).toContainText('exec');
  await expect(page.getByTestId('policy-tool-http_request')).toContainText('network');
  await expect(page.getByTestId('policy-rules-how')).toContainText('Deny wins over ask, and ask over allow');
  await expect(page.getByTestId('policy-rules-empty')).toBeVisible();
  await expect(page.getByTestId('policy-limit-cpuSeconds')).toContainText('30 s');
  await expect(page.getByTestId('policy-limit-outputBytes')).toContainText('1 MiB');
  await expect(page.getByTestId('policy-limit-diskMb')).toContainText('1 GB');
  await expect(page.getByTestId('policy-remembered-empty')).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'view-policy.png') });
  expect(problems).toEqual([]);
});

test('enables run_command with /usr/bin/ls and a deny rule; the save shows its changes first, survives a reload and is audited with before and after', async ({
  page,
}) => {
  await openPolicy(page);
  const before = policyOnDisk();
  await startEditing(page);

  await page.getByTestId('policy-tool-toggle-run_command').check();
  await page.getByTestId('policy-commands-input').fill('/usr/bin/ls');
  await page.getByTestId('policy-add-rule').click();
  const rule = page.getByTestId('policy-rule').last();
  await expect(rule.getByTestId('policy-rule-verdict')).toBeFocused();
  await rule.getByTestId('policy-rule-verdict').selectOption('deny');
  await rule.getByTestId('policy-rule-tool').selectOption('run_command');
  await rule.getByTestId('policy-rule-id').fill('no-recursive-ls');
  await rule.getByTestId('policy-rule-argv').fill('/usr/bin/ls\n-R');
  await rule.getByTestId('policy-rule-note').fill('no recursive listings');

  // What the save changes, before it is made.
  const changes = page.getByTestId('policy-change');
  await expect(changes).toHaveCount(3);
  await expect(page.getByTestId('policy-changes')).toContainText('/usr/bin/ls');
  await expect(changes.filter({ hasText: 'run_command (exec)' })).toHaveAttribute('data-kind', 'added');
  await expect(changes.filter({ hasText: 'no-recursive-ls: deny run_command: exactly the command /usr/bin/ls -R' })).toHaveAttribute('data-kind', 'added');
  await page.screenshot({ path: join(screenshots, 'view-policy-edit.png') });

  await page.getByTestId('policy-save').click();
  await expect(page.getByTestId('policy-notice')).toContainText(`Saved as revision ${before.revision + 1}`);
  await expect(page.getByTestId('view-policy')).toHaveAttribute('data-editing', 'false');
  await expect(page.getByTestId('policy-edit')).toBeFocused();

  const shows = async () => {
    await expect(page.getByTestId('policy-tool-run_command')).toHaveAttribute('data-enabled', 'true');
    await expect(page.getByTestId('policy-command')).toHaveText([realpathSync('/usr/bin/ls')]);
    const saved = page.locator('[data-testid="policy-rule"][data-id="no-recursive-ls"]');
    await expect(saved).toHaveAttribute('data-verdict', 'deny');
    await expect(saved).toContainText('/usr/bin/ls -R');
    await expect(saved).toContainText('no recursive listings');
    await expect(page.getByTestId('policy-revision')).toHaveText(`revision ${before.revision + 1}`);
  };
  await shows();
  await page.reload();
  await shows();

  const after = policyOnDisk();
  expect(after.revision).toBe(before.revision + 1);
  expect(after.enabledTools).toContain('run_command');
  expect(after.commands).toEqual([realpathSync('/usr/bin/ls')]);
  expect(after.rules).toEqual([{ id: 'no-recursive-ls', tool: 'run_command', verdict: 'deny', argv: ['/usr/bin/ls', '-R'], note: 'no recursive listings' }]);

  // The audit trail holds the change with the whole policy before and after.
  const events = auditSearch('--kind', 'policy_change');
  const change = events.find((event) => event.summary === 'Policy changed');
  expect(change, JSON.stringify(events, null, 2)).toBeDefined();
  const details = change?.details as { before: Policy; after: Policy };
  expect(details.before.revision).toBe(before.revision);
  expect(details.before.enabledTools).not.toContain('run_command');
  expect(details.before.commands).toEqual([]);
  expect(details.after.revision).toBe(after.revision);
  expect(details.after.commands).toEqual(after.commands);
  expect(details.after.rules).toEqual(after.rules);

  // And the Audit view finds it too.
  await page.goto(`${served.origin}/#/audit?kind=policy_change`);
  await expect(page.getByTestId('audit-row').filter({ hasText: 'Policy changed' }).first()).toBeVisible();
});

test('refuses a workspace that does not exist with the core’s own message, and changes nothing', async ({ page }) => {
  await openPolicy(page);
  const before = policyOnDisk();
  await startEditing(page);

  // The contract's rules are checked here first: nothing is sent.
  await page.getByTestId('policy-workspace-input').fill('relative/path');
  await page.getByTestId('policy-save').click();
  await expect(page.getByTestId('policy-read')).toContainText('Give an absolute path (starting with /).');
  await expect(page.getByTestId('policy-workspace-input')).toBeFocused();
  await expect(page.getByTestId('policy-workspace-input')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('policy-problems')).toContainText('1 field needs fixing');
  expect(policyOnDisk().revision).toBe(before.revision);

  // Whether a directory exists only the core can say.
  const missing = join(workspace, 'no-such-directory');
  await page.getByTestId('policy-workspace-input').fill(missing);
  await expect(page.getByTestId('policy-problems')).toHaveCount(0);
  await expect(page.getByTestId('policy-change')).toHaveText([`~changed: ${before.workspace} → ${missing}`]);
  await page.getByTestId('policy-save').click();
  const error = page.getByTestId('policy-error');
  await expect(error).toHaveAttribute('data-code', 'invalid_input');
  await expect(error).toContainText(`The workspace ${missing} does not exist: create it first.`);
  await expect(page.getByTestId('view-policy')).toHaveAttribute('data-editing', 'true');
  expect(policyOnDisk()).toEqual(before);

  await page.getByTestId('policy-discard').click();
  await expect(page.getByTestId('policy-workspace')).toHaveText(before.workspace);
  await expect(page.getByTestId('policy-revision')).toHaveText(`revision ${before.revision}`);
});

test('an edit made on a stale revision is refused: the page says someone else changed it and shows their version', async ({ page, context }) => {
  await openPolicy(page);
  const before = policyOnDisk();
  await startEditing(page);
  await page.getByTestId('policy-limit-input-cpuSeconds').fill('45');
  await expect(page.getByTestId('policy-change')).toHaveText(['~changed: CPU time: 30 s → 45 s']);

  // Another window changes the policy first.
  const other = await context.newPage();
  await other.goto(`${served.origin}/#/policy`);
  await expect(other.getByTestId('policy-isolation')).toBeVisible();
  await startEditing(other);
  await other.getByTestId('policy-hosts-input').fill('api.example.com');
  await other.getByTestId('policy-save').click();
  await expect(other.getByTestId('policy-notice')).toContainText(`Saved as revision ${before.revision + 1}`);
  await expect(other.getByTestId('policy-host')).toHaveText(['api.example.com']);

  // The first window hears of it at once, while still editing, and its save is refused.
  await expect(page.getByTestId('policy-stale')).toContainText(`revision ${before.revision + 1}`);
  await page.getByTestId('policy-save').click();
  const error = page.getByTestId('policy-error');
  await expect(error).toHaveAttribute('data-code', 'conflict');
  await expect(error).toContainText('Someone else changed the policy while you were editing, so nothing was saved.');
  await expect(page.getByTestId('view-policy')).toHaveAttribute('data-editing', 'false');
  await expect(page.getByTestId('policy-host')).toHaveText(['api.example.com']);
  await expect(page.getByTestId('policy-limit-cpuSeconds')).toContainText('30 s');
  const after = policyOnDisk();
  expect(after.revision).toBe(before.revision + 1);
  expect(after.limits.cpuSeconds).toBe(before.limits.cpuSeconds);
  expect(after.network.allowHosts).toEqual(['api.example.com']);
  await other.close();
});

test('accepting a lower isolation level takes a typed reason and is audited; requiring full again undoes it', async ({ page }) => {
  await openPolicy(page);
  const { isolation } = await client.request('policy.get', {});
  const panel = page.getByTestId('policy-isolation');
  const dialog = page.getByTestId('policy-accept-dialog');

  if (isolation.level !== 'full') {
    // Below full (as root without warden-agent, or without an OS sandbox): exec and destructive tools are refused.
    await expect(panel).toHaveAttribute('data-refused', 'exec destructive');
    await expect(page.getByTestId('policy-refused')).toContainText('Exec and destructive tools are refused');
    await page.getByTestId('policy-accept-isolation').click();
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('policy-accept-reason')).toBeFocused();
    await page.getByTestId('policy-accept-confirm').click();
    await expect(dialog).toContainText('Give a reason');
    await page.getByTestId('policy-accept-reason').fill('e2e: this test machine has no dedicated agent user');
    await page.getByTestId('policy-accept-confirm').click();
    await expect(dialog).toHaveCount(0);
    await expect(panel).toHaveAttribute('data-accepted', isolation.level);
    await expect(panel).toHaveAttribute('data-refused', '');
    await expect(page.getByTestId('policy-notice')).toContainText('accepted');
    await page.screenshot({ path: join(screenshots, 'view-policy-accepted.png') });
    const accepted = auditSearch('--kind', 'policy_change').find((event) => event.summary.startsWith(`Isolation level "${isolation.level}" accepted`));
    expect((accepted?.details as { reason?: string } | undefined)?.reason).toBe('e2e: this test machine has no dedicated agent user');
  } else {
    // Full isolation: nothing is refused and nothing needs accepting. Another admin accepts partial
    // anyway (ahead of a machine change); this page follows at once.
    await expect(panel).toHaveAttribute('data-refused', '');
    await expect(page.getByTestId('policy-accept-isolation')).toHaveCount(0);
    await client.request('policy.acceptIsolation', { level: 'partial', reason: 'e2e: another admin, ahead of a move' });
    await expect(panel).toHaveAttribute('data-accepted', 'partial');
    await expect(page.getByTestId('policy-changed-elsewhere')).toContainText('accepted isolation');
    await expect(page.getByTestId('policy-warnings')).toContainText('partial isolation');
    await page.screenshot({ path: join(screenshots, 'view-policy-accepted.png') });
  }

  // Back to requiring full isolation, again with a reason for the audit trail.
  await page.getByTestId('policy-require-full').click();
  await expect(dialog).toBeVisible();
  await page.getByTestId('policy-accept-reason').fill('e2e: back to full');
  await page.getByTestId('policy-accept-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expect(panel).toHaveAttribute('data-accepted', 'full');
  await expect(page.getByTestId('policy-require-full')).toHaveCount(0);
  expect(policyOnDisk().acceptedIsolation).toBe('full');
  const back = auditSearch('--kind', 'policy_change').find((event) => event.summary.startsWith('Isolation level "full" accepted'));
  expect((back?.details as { reason?: string } | undefined)?.reason).toBe('e2e: back to full');
  if (isolation.level !== 'full') await expect(panel).toHaveAttribute('data-refused', 'exec destructive');
});

test('"Check again" probes the isolation anew: busy while it runs, then when it checked and what it found', async ({ page }) => {
  await openPolicy(page);
  const before = await client.request('policy.get', {});
  const checked = page.getByTestId('policy-isolation-checked');
  await expect(checked).toHaveAttribute('datetime', before.isolation.checkedAt);
  const button = page.getByTestId('policy-recheck');
  await expect(button).toHaveText('Check again');

  // Every text the button shows, from the click on (the probe takes tens of milliseconds here).
  await button.evaluate((element) => {
    element.dataset['seen'] = '';
    new MutationObserver(() => {
      element.dataset['seen'] += `${element.textContent ?? ''}|`;
    }).observe(element, { childList: true, subtree: true, characterData: true });
  });
  await button.click();
  const result = page.getByTestId('policy-recheck-result');
  // Nothing changed on this machine between the start of the console and the click.
  await expect(result).toContainText(`Still ${before.isolation.level}: nothing changed.`);
  expect(await button.getAttribute('data-seen')).toContain('Checking…|');
  await expect(button).toHaveText('Check again');
  await expect(button).toBeEnabled();

  const after = await client.request('policy.get', {});
  expect(Date.parse(after.isolation.checkedAt)).toBeGreaterThan(Date.parse(before.isolation.checkedAt));
  expect({ ...after.isolation, checkedAt: '' }).toEqual({ ...before.isolation, checkedAt: '' });
  await expect(checked).toHaveAttribute('datetime', after.isolation.checkedAt);
  await expect(checked).toHaveText('checked just now');
  await expect(result.locator('time')).toHaveAttribute('datetime', after.isolation.checkedAt);
  await expect(page.getByTestId('policy-isolation')).toHaveAttribute('data-level', after.isolation.level);
  await expect(page.getByTestId('policy-missing-item')).toHaveCount(after.isolation.missing.length);
  await expect(page.getByTestId('policy-changed-elsewhere')).toHaveCount(0);
  // The same isolation again is no news: nothing for the audit trail.
  expect(auditSearch('--kind', 'policy_change').filter((event) => event.summary.startsWith('Isolation re-checked'))).toEqual([]);
  await page.getByTestId('policy-isolation').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshots, 'view-policy-rechecked.png') });
});

test('lists a remembered approval rule with its use and revokes it after a confirmation', async ({ page }) => {
  await openPolicy(page);
  await expect(page.getByTestId('policy-remembered-empty')).toBeVisible();

  // A write asks a person; approving it with "remember" saves a narrow rule for that exact path.
  const requested = new Promise<string>((resolve) => {
    const stop = client.onEvent((name, payload) => {
      if (name !== 'approvals.requested') return;
      stop();
      resolve((payload as { id: string }).id);
    });
  });
  const target = join(workspace, 'notes.txt');
  const call = client.request('tools.call', { name: 'write_file', args: { path: target, content: 'hello\n' } });
  const id = await requested;
  const decided = await client.request('approvals.decide', { id, decision: 'approve', remember: true });
  expect(decided.rule).not.toBeNull();
  await call;

  const row = page.getByTestId('policy-remembered-rule');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(target);
  await expect(row).toContainText('write_file');
  await expect(row.getByTestId('policy-remembered-last-used')).toContainText('never');
  await page.getByTestId('policy-remembered').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshots, 'view-policy-remembered.png') });

  await row.getByTestId('policy-revoke').click();
  const dialog = page.getByTestId('policy-revoke-dialog');
  await expect(dialog).toContainText(decided.rule?.description ?? '');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.getByTestId('policy-revoke-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId('policy-remembered-empty')).toBeVisible();
  await expect(page.getByTestId('policy-remembered-notice')).toContainText('write_file asks again');
  expect((await client.request('approvals.rules', {})).rules).toEqual([]);
  expect(auditSearch('--kind', 'policy_change').some((event) => event.summary.startsWith('Remembered rule revoked'))).toBe(true);
});

test('has a dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openPolicy(page);
  await expect(page.getByTestId('policy-workspace')).toHaveText(workspace);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number);
  expect(r + g + b).toBeLessThan(3 * 100);
  await page.screenshot({ path: join(screenshots, 'view-policy-dark.png') });
});
