/**
 * Agent overhead per step (`npm run bench:agent`): a scripted session of list_dir calls through the
 * whole core (validation, policy, sandboxed runner, audit), with the agent's own time per step
 * separated from model time and tool time by the loop's timings. Target: ≤ 5 ms per step.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWarden, loadConfig } from '../app/core/index.ts';
import { canSandbox, ensureAgentUser, makeScratch } from '../app/runner/test-sandbox.ts';
import { createTestVault } from '../app/secrets/test-vault.ts';

const steps = Number(process.env.WARDEN_BENCH_STEPS ?? 60);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;
const fmt = (n: number) => n.toFixed(2);

const dataDir = mkdtempSync(join(tmpdir(), 'warden-bench-agent-'));
const scratch = canSandbox ? makeScratch() : null;
try {
  const workspace = scratch ? scratch.workspace('workspace', ensureAgentUser()) : mkdtempSync(join(tmpdir(), 'warden-bench-ws-'));
  // One small file: each result is short, so the session's context holds every turn.
  writeFileSync(join(workspace, 'notes.txt'), 'hello\n');
  const warden = await createWarden(loadConfig({ shell: 'headless', dataDir, workspace }), {
    vault: createTestVault(),
    ...(scratch ? { runner: { runtime: scratch.runtime } } : {}),
  });
  const turns = [
    ...Array.from({ length: steps }, () => ({ action: { tool: 'list_dir', args: { path: '.' } } })),
    { action: { final: 'done' } },
  ];
  const caller = { interface: 'cli' as const, actor: 'bench' };
  const finished = new Promise<void>((resolve) =>
    warden.events.subscribe((name) => {
      if (name === 'agent.finished') resolve();
    }),
  );
  const started = await warden.dispatch('agent.start', { task: 'List the workspace, again and again.', model: { kind: 'scripted', script: { version: 1, turns } }, maxSteps: steps + 1, tokenBudget: 1_000_000 }, caller);
  if (!started.ok) throw new Error(started.error.message);
  await finished;
  const session = await warden.dispatch('agent.get', { sessionId: (started.value as { sessionId: string }).sessionId }, caller);
  if (!session.ok) throw new Error(session.error.message);
  const value = session.value as { status: string; steps: { timings: { modelMs: number; toolMs: number; overheadMs: number } | null }[] };
  const timings = value.steps.flatMap((step) => (step.timings ? [step.timings] : []));
  const overhead = timings.map((t) => t.overheadMs);
  const tool = timings.map((t) => t.toolMs);
  console.log(`Agent loop, ${timings.length} turns (${steps} list_dir calls + final), session ${value.status}, isolation ${warden.runner.isolation.level}`);
  console.log('| per turn | p50 | p95 | max |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| agent overhead (ms) | ${fmt(percentile(overhead, 50))} | ${fmt(percentile(overhead, 95))} | ${fmt(Math.max(...overhead))} |`);
  console.log(`| tool call through the perimeter (ms), for scale | ${fmt(percentile(tool, 50))} | ${fmt(percentile(tool, 95))} | ${fmt(Math.max(...tool))} |`);
  console.log(`target: agent overhead per step ≤ 5 ms → ${percentile(overhead, 95) <= 5 ? 'met' : 'MISSED'} (p95)`);
  await warden.close();
} finally {
  scratch?.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
}
