import { randomUUID } from 'node:crypto';
import { chownSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IsolationReport, Limits, MissingIsolation } from '../contract/policy.ts';
import type { JsonObject, RunFailureReason, ToolPreview } from '../contract/tools.ts';
import { ToolPreviewSchema } from '../contract/tools.ts';
import { buildChildEnv } from '../secrets/child-env.ts';
import { performHttpRequest } from '../tools/http-request.ts';
import type { HttpRequestArgs } from '../tools/manifests.ts';
import type { PreparedCall } from '../tools/prepared-call.ts';
import { staticPreview } from '../tools/prepared-call.ts';
import { ToolError } from '../tools/safe-fs.ts';
import { sandboxTools } from '../tools/sandbox-tools.ts';
import type { ChildRequest, ChildResponse } from './child-protocol.ts';
import { childProtocolVersion } from './child-protocol.ts';
import type { ChildRuntime } from './child-runtime.ts';
import { checkoutRuntime, installedRuntime } from './child-runtime.ts';
import { describeEnd } from './end-reason.ts';
import type { RunSpec, SandboxPlan } from './launch-plan.ts';
import { buildLaunch } from './launch-plan.ts';
import type { ProbeOptions } from './probe.ts';
import { homeOf, probeSandbox } from './probe.ts';
import type { Supervised } from './supervise.ts';
import { runTagVariable, supervise } from './supervise.ts';

/** The secrets a tool gets in its environment; the core wires this to the secrets layer. */
export type SecretsProvider = (request: { tool: string; declared: readonly string[]; actor: string }) => Promise<Record<string, string>>;

export interface RunnerOptions {
  probe?: ProbeOptions;
  /** The Node runtime for sandboxed tools; by default the installed one, else this checkout's. */
  runtime?: ChildRuntime;
  /** Defaults to none: a tool's environment then holds no secret at all. */
  secretsFor?: SecretsProvider;
  /** Between SIGTERM and SIGKILL when a run is ended; 2 s by default. */
  killGraceMs?: number;
  /** How often a run's resident memory is measured; 50 ms by default. */
  watchdogIntervalMs?: number;
  /** For http_request: extra trusted CA certificates (PEM) and a resolver, e.g. in tests. */
  http?: { ca?: string; resolve?: (hostname: string) => Promise<string[]> };
  now?: () => Date;
}

export interface RunPerimeter {
  readonly workspace: string;
  readonly references: readonly string[];
}

export interface RunRequest {
  readonly call: PreparedCall;
  readonly perimeter: RunPerimeter;
  readonly limits: Limits;
  /** Who started the call, for the secrets layer's record of each secret use. */
  readonly actor: string;
  readonly signal?: AbortSignal;
}

export interface RunResult {
  /** The tool did what it was asked (a command exited 0). */
  readonly ok: boolean;
  /** What the tool returned; for a failed command, still its output. */
  readonly output: JsonObject | null;
  readonly failure: RunFailureReason | null;
  /** For people: what happened. */
  readonly message: string;
  readonly durationMs: number;
}

export interface Runner {
  /** The level calls started now run at (as the last check found it), and what is missing for more. */
  readonly isolation: IsolationReport;
  readonly plan: SandboxPlan;
  run(request: RunRequest): Promise<RunResult>;
  /** What the approval card shows: a diff, what a delete removes, the command, the request. */
  preview(request: RunRequest): Promise<ToolPreview | null>;
  /**
   * Probes the machine and pings the tool runtime again (e.g. after `sudo warden setup-sandbox`);
   * calls started afterwards use what it finds, calls under way finish as they started. One check
   * at a time: a caller during a check gets that check's report.
   */
  recheck(): Promise<IsolationReport>;
  /** Ends every run in progress (the kill switch); returns how many there were. */
  cancelAll(): number;
}

/** A runner bound to one check's plan and runtime. */
type CheckedRunner = Omit<Runner, 'recheck' | 'cancelAll'>;

/**
 * bubblewrap's empty /tmp, bounded: a disk filler there fills memory, not the disk. (Elsewhere the
 * run's own directory is on disk, where only the file size limit bounds each file.)
 */
const sandboxTmpBytes = 64 * 1024 * 1024;

interface ChildJob {
  readonly tool: string;
  readonly declared: readonly string[];
  readonly args: Readonly<Record<string, unknown>>;
  readonly mode: ChildRequest['mode'];
  readonly perimeter: RunPerimeter;
  readonly limits: Limits;
  readonly actor: string;
}

const failed = (failure: RunFailureReason, message: string, output: JsonObject | null, durationMs: number): RunResult => ({
  ok: false,
  output,
  failure,
  message,
  durationMs,
});

function pickRuntime(options: RunnerOptions, missing: MissingIsolation[]): ChildRuntime | null {
  if (options.runtime !== undefined) return options.runtime;
  const installed = installedRuntime();
  if (installed.runtime !== null) return installed.runtime;
  if (installed.problem !== null) missing.push({ what: installed.problem, fix: 'Re-run sudo warden setup-sandbox.' });
  return checkoutRuntime();
}

function childFailure(run: Supervised): string {
  if (run.reason === 'spawn') return `The sandbox could not start: ${run.error ?? 'unknown error'}.`;
  if (run.stdout.truncated) return 'The tool produced more output than allowed.';
  const stderr = run.stderr.text().trim().slice(-1000);
  return `The sandboxed child exited with ${run.exitCode === null ? run.signal : `code ${run.exitCode}`}${stderr === '' ? '' : `: ${stderr}`}`;
}

/**
 * Probes the machine, checks that the tool runtime starts in the sandbox, and returns a runner
 * bound to what it found: every call of class read/write/destructive/exec runs in a child process
 * with the strongest isolation found; network calls run here in the core (the sandbox has no network).
 * Runs are tracked in `active`, shared by every check's runner, so the kill switch reaches them all.
 */
async function checkedRunner(options: RunnerOptions, active: Set<AbortController>): Promise<CheckedRunner> {
  const now = options.now ?? (() => new Date());
  const { plan, missing } = probeSandbox(options.probe);
  const runtime = pickRuntime(options, missing);
  const killGraceMs = options.killGraceMs ?? 2000;
  const watchdogIntervalMs = options.watchdogIntervalMs ?? 50;
  const secretsFor = options.secretsFor ?? (async () => ({}));

  /** Starts one process with the plan's isolation; HOME and TMPDIR are the sandbox's own. */
  async function launch(spec: Omit<RunSpec, 'env' | 'tmpBytes' | 'tmpDir'>, secrets: Record<string, string>, stdin: string | undefined, signal: AbortSignal): Promise<Supervised> {
    let home = '/tmp';
    let privateHome: string | null = null;
    if (plan.sandbox !== 'bubblewrap') {
      // Without bubblewrap there is no private /tmp: a directory of its own, removed afterwards.
      // Its real path (on macOS /tmp and /var are symlinks): sandbox-exec matches real paths.
      privateHome = realpathSync(mkdtempSync(join(tmpdir(), 'warden-run-')));
      if (plan.via === 'uid-drop') chownSync(privateHome, plan.user.uid, plan.user.gid);
      home = privateHome;
    }
    try {
      // Without bubblewrap's PID namespace, a tag in the environment finds what the run leaves behind.
      const runTag = privateHome === null ? undefined : randomUUID();
      const env = { ...buildChildEnv({ secrets, home, tmpDir: home }), ...(runTag === undefined ? {} : { [runTagVariable]: runTag }) };
      const launched = buildLaunch(plan, { ...spec, env, tmpBytes: sandboxTmpBytes, tmpDir: privateHome });
      return await supervise(runTag === undefined ? launched : { ...launched, runTag }, {
        ...(stdin === undefined ? {} : { stdin }),
        outputBytes: spec.limits.outputBytes,
        memoryBytes: spec.limits.memoryMb * 1024 * 1024,
        wallTimeoutMs: spec.limits.wallTimeoutMs,
        signal,
        killGraceMs,
        watchdogIntervalMs,
        // The workspace, and the private home where there is no bounded /tmp of bubblewrap's.
        disk: { paths: privateHome === null ? [spec.workspace] : [spec.workspace, privateHome], bytes: spec.limits.diskMb * 1024 * 1024 },
      });
    } finally {
      if (privateHome !== null) rmSync(privateHome, { recursive: true, force: true });
    }
  }

  async function runChild(job: ChildJob, signal: AbortSignal): Promise<{ response: ChildResponse | null; run: Supervised }> {
    if (runtime === null) throw new ToolError('No Node runtime for sandboxed tools (Electron cannot run as Node): run sudo warden setup-sandbox to install one.');
    const body: ChildRequest = {
      v: childProtocolVersion,
      mode: job.mode,
      tool: job.tool,
      args: job.args,
      context: { workspace: job.perimeter.workspace, references: job.perimeter.references, outputBytes: job.limits.outputBytes },
    };
    const secrets = job.mode === 'run' ? await secretsFor({ tool: job.tool, declared: job.declared, actor: job.actor }) : {};
    // The response is JSON around the tool's output, which the tool itself bounds by outputBytes.
    const limits = { ...job.limits, outputBytes: job.limits.outputBytes * 2 + 64 * 1024 };
    const { workspace, references } = job.perimeter;
    const run = await launch({ program: runtime.node, args: [runtime.entry], cwd: workspace, workspace, references, runtime: runtime.mounts, limits }, secrets, JSON.stringify(body), signal);
    let response: ChildResponse | null = null;
    if (run.reason === 'exit' && run.exitCode === 0 && !run.stdout.truncated) {
      try {
        response = JSON.parse(run.stdout.buffer().toString('utf8')) as ChildResponse;
      } catch {
        response = null;
      }
    }
    return { response, run };
  }

  async function runHttp(request: RunRequest, signal: AbortSignal, started: number): Promise<RunResult> {
    const { call, limits } = request;
    if (call.target === undefined) return failed('tool-error', 'The request has no target.', null, performance.now() - started);
    try {
      const output = await performHttpRequest(call.args as HttpRequestArgs, call.target, {
        timeoutMs: limits.wallTimeoutMs,
        maxBytes: limits.outputBytes,
        signal,
        ...(options.http?.ca === undefined ? {} : { ca: options.http.ca }),
        ...(options.http?.resolve === undefined ? {} : { resolve: options.http.resolve }),
      });
      return { ok: true, output, failure: null, message: `HTTP ${String(output['status'])}.`, durationMs: performance.now() - started };
    } catch (error) {
      if (signal.aborted) return failed('cancelled', 'Cancelled.', null, performance.now() - started);
      return failed('tool-error', error instanceof Error ? error.message : String(error), null, performance.now() - started);
    }
  }

  async function runCommand(request: RunRequest, signal: AbortSignal, started: number): Promise<RunResult> {
    const { call, limits, perimeter } = request;
    const argv = call.args['argv'] as string[];
    const program = call.executable?.path;
    if (program === undefined) return failed('tool-error', 'The program was not resolved.', null, performance.now() - started);
    const secrets = await secretsFor({ tool: call.tool.name, declared: call.tool.secrets, actor: request.actor });
    const run = await launch(
      { program, args: argv.slice(1), cwd: String(call.args['cwd']), workspace: perimeter.workspace, references: perimeter.references, runtime: [], limits },
      secrets,
      call.args['stdin'] as string | undefined,
      signal,
    );
    const output: JsonObject = {
      exitCode: run.exitCode,
      signal: run.signal,
      stdout: run.stdout.text(),
      stderr: run.stderr.text(),
      stdoutBytes: run.stdout.totalBytes,
      stderrBytes: run.stderr.totalBytes,
      truncated: run.stdout.truncated || run.stderr.truncated,
    };
    const elapsed = performance.now() - started;
    const end = describeEnd(run, limits);
    if (end !== null) return failed(end.failure, end.message, output, elapsed);
    if (run.exitCode !== 0) return failed('exit', `${argv[0]} exited with code ${run.exitCode}.`, output, elapsed);
    return { ok: true, output, failure: null, message: `${argv[0]} exited with code 0.`, durationMs: elapsed };
  }

  async function runTool(request: RunRequest, signal: AbortSignal): Promise<RunResult> {
    const started = performance.now();
    const { call } = request;
    if (call.tool.runsIn === 'core') return runHttp(request, signal, started);
    if (call.tool.name === 'run_command') return runCommand(request, signal, started);
    if (sandboxTools[call.tool.name] === undefined) return failed('tool-error', `${call.tool.name} cannot run in the sandbox.`, null, 0);
    const job: ChildJob = { tool: call.tool.name, declared: call.tool.secrets, args: call.args, mode: 'run', perimeter: request.perimeter, limits: request.limits, actor: request.actor };
    const { response, run } = await runChild(job, signal);
    const elapsed = performance.now() - started;
    const end = describeEnd(run, request.limits);
    if (end !== null) return failed(end.failure, end.message, null, elapsed);
    if (response === null) {
      const hint = runtimeProblem === null ? '' : ` ${runtimeProblem.fix} Then press Check again in the Policy view.`;
      return failed('tool-error', `${childFailure(run)}${hint}`, null, elapsed);
    }
    if (!response.ok) return failed('tool-error', response.error, null, elapsed);
    return { ok: true, output: response.value as JsonObject, failure: null, message: `${call.tool.name} done.`, durationMs: elapsed };
  }

  async function makePreview(request: RunRequest, signal: AbortSignal): Promise<ToolPreview | null> {
    const fixed = staticPreview(request.call);
    if (fixed !== null || sandboxTools[request.call.tool.name]?.preview === undefined) return fixed;
    const { call, perimeter, limits, actor } = request;
    const { response, run } = await runChild({ tool: call.tool.name, declared: [], args: call.args, mode: 'preview', perimeter, limits, actor }, signal);
    const end = describeEnd(run, limits);
    if (end !== null) throw new ToolError(`The preview could not be made: ${end.message}`);
    if (response === null) throw new ToolError(`The preview could not be made: ${childFailure(run)}`);
    if (!response.ok) throw new ToolError(response.error);
    const parsed = ToolPreviewSchema.safeParse(response.value);
    if (!parsed.success) throw new ToolError('The sandbox returned a malformed preview.');
    return parsed.data;
  }

  /** One `ping` through the real launch path: a runtime the sandbox user cannot reach is reported now, not at the first call. */
  /** Set when the start-up ping failed: a failing file tool then says how to fix it. */
  let runtimeProblem: MissingIsolation | null = null;
  async function verifyRuntime(): Promise<void> {
    // The launcher takes only a workspace that the dedicated user owns, which this console cannot
    // make: that user's home (setup-sandbox creates it) serves; the ping writes nothing.
    const home = plan.via === 'launcher' ? homeOf(plan.user.name) : null;
    const workspace = home ?? realpathSync(mkdtempSync(join(tmpdir(), 'warden-probe-')));
    let problem: string | null;
    try {
      if (plan.via === 'uid-drop') chownSync(workspace, plan.user.uid, plan.user.gid);
      const limits: Limits = { cpuSeconds: 10, memoryMb: 512, outputBytes: 4096, wallTimeoutMs: 15_000, maxProcesses: 256, fileSizeMb: 1, diskMb: 1024 };
      const { response, run } = await runChild({ tool: 'ping', declared: [], args: {}, mode: 'ping', perimeter: { workspace, references: [] }, limits, actor: 'probe' }, new AbortController().signal);
      problem = response?.ok === true ? null : childFailure(run);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    } finally {
      if (home === null) rmSync(workspace, { recursive: true, force: true });
    }
    if (problem !== null) {
      runtimeProblem = {
        what: `File tools cannot start in the sandbox as ${plan.user.name}: ${problem.slice(0, 300)}`,
        fix: 'Run sudo warden setup-sandbox (it installs a runtime the sandbox user can reach), or give the runner a runtime that user can read.',
      };
      missing.push(runtimeProblem);
    }
  }

  const tracked = async <T>(signal: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    active.add(controller);
    try {
      return await work(signal === undefined ? controller.signal : AbortSignal.any([signal, controller.signal]));
    } finally {
      active.delete(controller);
    }
  };

  await verifyRuntime();
  return {
    isolation: {
      level: plan.level,
      user: { name: plan.user.name, uid: plan.user.uid, dedicated: plan.user.dedicated },
      via: plan.via,
      sandbox: plan.sandbox ?? 'none',
      missing,
      checkedAt: now().toISOString(),
    },
    plan,
    run: (request) =>
      tracked(request.signal, async (signal) => {
        try {
          return await runTool(request, signal);
        } catch (error) {
          return failed(error instanceof ToolError ? 'tool-error' : 'spawn', error instanceof Error ? error.message : String(error), null, 0);
        }
      }),
    preview: (request) => tracked(request.signal, (signal) => makePreview(request, signal)),
  };
}

/**
 * The runner of the console: checks the machine at start and again on `recheck`. Each check builds
 * a runner of its own, and a call goes to the one in force when it starts: a check adopted while a
 * call waits for its secrets does not change the plan that call launches with.
 */
export async function createRunner(options: RunnerOptions = {}): Promise<Runner> {
  const active = new Set<AbortController>();
  let current = await checkedRunner(options, active);
  let checking: Promise<IsolationReport> | null = null;
  return {
    get isolation() {
      return current.isolation;
    },
    get plan() {
      return current.plan;
    },
    run: (request) => current.run(request),
    preview: (request) => current.preview(request),
    recheck() {
      checking ??= checkedRunner(options, active)
        .then((next) => {
          current = next;
          return next.isolation;
        })
        .finally(() => {
          checking = null;
        });
      return checking;
    },
    cancelAll() {
      const count = active.size;
      for (const controller of active) controller.abort();
      return count;
    },
  };
}
