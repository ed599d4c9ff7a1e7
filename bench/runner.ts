/**
 * Runner benchmark (issue 5): what one tool call costs on top of starting the program, at each
 * isolation level, against a bare `spawn` of the same program measured in the same run, calls
 * interleaved so drift hits both alike. A call here is the whole pipeline: validation and policy
 * (`judgeCall`), an audit record before and after (an in-memory recorder that serializes each
 * record, standing in for the audit store, whose own cost is measured by bench/audit.ts), the
 * launch (rlimits, user, bubblewrap) and the wait for exit. Plus the policy decision alone.
 *
 *   node bench/runner.ts                 200 calls per level (as root: full, partial, none)
 *   RUNNER_BENCH_CALLS=50 node bench/runner.ts
 */
import { spawn } from 'node:child_process';
import { writeFileSync, chownSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Policy, RunnerIsolation } from '../app/contract/policy.ts';
import { decide, defaultPolicy, diskInspector, judgeCall, validateCall } from '../app/policy/index.ts';
import type { ToolCallRecord, ToolCallRecorder } from '../app/runner/index.ts';
import { createRunner, createToolCallPipeline, lookupUser } from '../app/runner/index.ts';
import { canSandbox, ensureAgentUser, makeScratch } from '../app/runner/test-sandbox.ts';

const calls = Number(process.env['RUNNER_BENCH_CALLS'] ?? 200);
const warmup = 10;
const decisions = 20_000;
if (!Number.isInteger(calls) || calls < 20) throw new Error('RUNNER_BENCH_CALLS must be an integer ≥ 20.');

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const ms = (n: number): string => `${n.toFixed(2)} ms`;
const us = (n: number): string => `${(n * 1000).toFixed(1)} µs`;

/** The recorder stand-in: serializes every record, as a store must before writing it. */
class SerializingRecorder implements ToolCallRecorder {
  bytes = 0;
  count = 0;
  record(event: ToolCallRecord): void {
    this.bytes += JSON.stringify(event).length;
    this.count++;
  }
}

function bareSpawn(file: string, args: readonly string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.on('error', reject);
    child.on('close', () => resolve(performance.now() - started));
  });
}

function policyFor(workspace: string, rules: number): Policy {
  const base = defaultPolicy(workspace, new Date());
  return {
    ...base,
    enabledTools: [...base.enabledTools, 'run_command'],
    commands: ['/usr/bin/true'],
    // The benchmark measures launch cost, not the approval wait: an exact argv rule allows it.
    rules: [
      { id: 'bench-true', tool: 'run_command', verdict: 'allow', argv: ['true'] },
      ...Array.from({ length: rules }, (_, i) => ({ id: `r${i}`, tool: i % 2 === 0 ? '*' : 'write_file', verdict: (['ask', 'deny'] as const)[i % 2] as 'ask' | 'deny', paths: [`generated/${i}/**`, `**/*.gen${i}`] })),
    ],
    acceptedIsolation: 'none',
  };
}

async function main(): Promise<void> {
  // Spawn times follow the machine's load; it is printed so a slow run can be told from a slow runner.
  const load = (): string => loadavg().map((n) => n.toFixed(1)).join(' ');
  console.log(`Runner benchmark: ${calls} calls per level (${warmup} warm-up), node ${process.versions.node}, uid ${process.getuid?.()}, load average ${load()}\n`);
  const levels: RunnerIsolation[] = canSandbox ? ['none', 'partial', 'full'] : ['none'];
  if (!canSandbox) console.log('Not root or no bubblewrap: only the "none" level can be measured here.\n');
  if (canSandbox) ensureAgentUser();
  const scratch = makeScratch();
  try {
    // 1. Policy decision time: decide() alone, and validation + decide (judgeCall) with real path checks.
    const ws = scratch.workspace('decide-ws', { uid: 0, gid: 0 });
    writeFileSync(join(ws, 'a.txt'), 'x');
    const policy = policyFor(ws, 50);
    const validated = validateCall('read_file', { path: 'a.txt' }, policy, diskInspector);
    if (!validated.ok) throw new Error(validated.reason);
    const decideTimes: number[] = [];
    const judgeTimes: number[] = [];
    for (let i = 0; i < decisions; i++) {
      let t = performance.now();
      decide(validated.call, policy, { isolation: 'full' });
      decideTimes.push(performance.now() - t);
      t = performance.now();
      judgeCall({ tool: 'read_file', args: { path: 'a.txt' } }, policy, { isolation: 'full' });
      judgeTimes.push(performance.now() - t);
    }
    console.log(`Policy decision over ${decisions} calls, 51 rules (glob paths, argv):`);
    console.log(`  decide()                    p50 ${us(percentile(decideTimes, 50))}   p99 ${us(percentile(decideTimes, 99))}   (target p99 ≤ 100 µs)`);
    console.log(`  validation + decide (judge) p50 ${us(percentile(judgeTimes, 50))}   p99 ${us(percentile(judgeTimes, 99))}   (schema, realpath/lstat of the path)\n`);

    // 2. Per-call cost at each level against a bare spawn of the same program, interleaved.
    console.log('run_command ["true"] through the whole pipeline vs bare spawn("/usr/bin/true"), same run:');
    console.log('  level     user           median      p95        bare median  bare p95    overhead (median − bare median)');
    const rows: string[] = [];
    const readRows: string[] = [];
    for (const level of levels) {
      const runner = await createRunner({ runtime: scratch.runtime, probe: { maxLevel: level } });
      const owner = lookupUser(runner.plan.user.name) ?? { uid: runner.plan.user.uid, gid: runner.plan.user.uid };
      const workspace = scratch.workspace(`ws-${level}`, owner);
      writeFileSync(join(workspace, 'a.txt'), 'hello\n');
      chownSync(join(workspace, 'a.txt'), owner.uid, owner.gid);
      const levelPolicy = policyFor(workspace, 50);
      const recorder = new SerializingRecorder();
      const pipeline = createToolCallPipeline({ runner, policy: () => levelPolicy, judge: (request, p, context) => judgeCall(request, p, context), recorder });
      const piped: number[] = [];
      const bare: number[] = [];
      let failures = 0;
      for (let i = 0; i < warmup + calls; i++) {
        const t = performance.now();
        const outcome = await pipeline.call({ tool: 'run_command', args: { argv: ['true'] }, actor: 'bench' });
        const took = performance.now() - t;
        if (outcome.status !== 'success') failures++;
        const bareTook = await bareSpawn('/usr/bin/true', []);
        if (i >= warmup) {
          piped.push(took);
          bare.push(bareTook);
        }
      }
      const median = percentile(piped, 50);
      const bareMedian = percentile(bare, 50);
      rows.push(
        `  ${level.padEnd(9)} ${runner.plan.user.name.padEnd(14)} ${ms(median).padEnd(11)} ${ms(percentile(piped, 95)).padEnd(10)} ${ms(bareMedian).padEnd(12)} ${ms(percentile(bare, 95)).padEnd(11)} ${ms(median - bareMedian)}${failures > 0 ? `   (${failures} calls did not succeed)` : ''}`,
      );
      // A file tool starts the Node child as well: what a read_file costs end to end.
      const reads: number[] = [];
      for (let i = 0; i < Math.min(calls, 50) + warmup; i++) {
        const t = performance.now();
        const outcome = await pipeline.call({ tool: 'read_file', args: { path: 'a.txt' }, actor: 'bench' });
        if (outcome.status !== 'success') throw new Error(`read_file at ${level}: ${outcome.message}`);
        if (i >= warmup) reads.push(performance.now() - t);
      }
      readRows.push(`  ${level.padEnd(9)} median ${ms(percentile(reads, 50))}   p95 ${ms(percentile(reads, 95))}`);
      if (recorder.count !== 2 * (warmup + calls) + 2 * (Math.min(calls, 50) + warmup)) throw new Error('the recorder missed records');
    }
    for (const row of rows) console.log(row);
    console.log('  (target: full-isolation overhead ≤ 25 ms median over the bare spawn)\n');
    console.log(`read_file through the whole pipeline (Node child in the sandbox, ${Math.min(calls, 50)} calls):`);
    for (const row of readRows) console.log(row);
    console.log(`\nload average at the end: ${load()}`);
  } finally {
    scratch.cleanup();
  }
}

await main();
