import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Limits } from '../contract/policy.ts';
import { defaultLimits } from '../contract/policy.ts';
import type { ChildRuntime } from './child-runtime.ts';
import { createRunner } from './runner.ts';
import type { RunResult } from './runner.ts';
import { commandCall, preparedCall } from './test-calls.ts';

/**
 * The console side of the sudo + launcher path, run by setup-sandbox.test.ts as an ordinary
 * (non-root) console user: probe, runner and a few calls, exactly as a console started by that
 * user would make them. Prints one JSON document; the test judges it.
 *
 *   node test-sudo-console.ts '{"agentUser":…,"launcher":…,"runtime":…,"workspace":…}'
 */

interface DriverInput {
  agentUser: string;
  launcher: string;
  runtime: ChildRuntime;
  workspace: string;
}

const input = JSON.parse(process.argv[2] ?? '{}') as DriverInput;
const limits: Limits = { ...defaultLimits, wallTimeoutMs: 20_000 };
const runner = await createRunner({ probe: { agentUser: input.agentUser, programs: { launcher: input.launcher } }, runtime: input.runtime, killGraceMs: 300 });
const perimeter = { workspace: input.workspace, references: [] };
const run = (call: ReturnType<typeof preparedCall>, over: Partial<Limits> = {}): Promise<RunResult> =>
  runner.run({ call, perimeter, limits: { ...limits, ...over }, actor: 'sudo test' });

// A file of the console user, outside the workspace: the sandbox must not see it.
const consoleFile = join(process.env['HOME'] ?? '/nonexistent', 'console-only.txt');
writeFileSync(consoleFile, 'console secret\n', { mode: 0o600 });

const write = await run(preparedCall('write_file', { path: join(input.workspace, 'from-console.txt'), content: 'hello\n' }));
const read = await run(preparedCall('read_file', { path: join(input.workspace, 'from-console.txt') }));
const id = await run(commandCall(['/usr/bin/id', '-u'], input.workspace));
const status = await run(commandCall(['/usr/bin/grep', '-E', '^(NoNewPrivs|CapEff|CapBnd):', '/proc/self/status'], input.workspace));
const consoleRead = await run(commandCall(['/usr/bin/cat', consoleFile], input.workspace));
const shadow = await run(commandCall(['/usr/bin/cat', '/etc/shadow'], input.workspace));
// Through sudo this console may not read the sandbox's write counts: the disk limit falls back to free space.
const filler = await run(commandCall(['/usr/bin/bash', '-c', 'mkdir -p fill && for i in $(seq 100); do head -c 4000000 /dev/zero > fill/f$i || exit 1; done'], input.workspace), { diskMb: 16, fileSizeMb: 8 });
const started = performance.now();
const sleeper = await run(commandCall(['/usr/bin/sleep', '30'], input.workspace), { wallTimeoutMs: 1500 });
const sleeperMs = performance.now() - started;
const cancelled = run(commandCall(['/usr/bin/sleep', '30'], input.workspace));
await new Promise((resolve) => setTimeout(resolve, 500));
const cancelledCount = runner.cancelAll();
const cancel = await cancelled;

const summary = (result: RunResult) => ({ ok: result.ok, failure: result.failure, message: result.message, output: result.output });
process.stdout.write(
  `${JSON.stringify({
    uid: process.getuid?.(),
    isolation: runner.isolation,
    write: summary(write),
    read: summary(read),
    id: summary(id),
    status: summary(status),
    consoleRead: summary(consoleRead),
    shadow: summary(shadow),
    filler: summary(filler),
    sleeper: { ...summary(sleeper), ms: sleeperMs },
    cancel: { ...summary(cancel), count: cancelledCount },
  })}\n`,
);
