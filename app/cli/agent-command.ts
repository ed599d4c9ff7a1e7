import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AgentSession, AgentStep, EventName, InputOf, OutputOf, PayloadOf, RequestName, ToolCallUpdate } from '../contract/index.ts';
import { agentScriptMaxChars } from '../contract/index.ts';
import { loadConfig } from '../core/index.ts';
import { request, withCore } from './cli-core.ts';
import { connectToConsole } from './console-client.ts';
import { CliError, exitCodes } from './exit-codes.ts';
import { progressBar } from './progress-bar.ts';

export interface AgentCommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Live progress (steps, the answer as it is written); stderr by default, so stdout holds only the result. */
  stream?: (text: string) => void;
}

/** A core to run the session on: the running console over its WebSocket, or one opened in this process. */
interface CoreLink {
  request<N extends RequestName>(name: N, input: InputOf<N>): Promise<OutputOf<N>>;
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
}

type StartInput = InputOf<'agent.start'>;
type Finished = PayloadOf<'agent.finished'>;

const usage = 'Usage: warden agent "TASK" [--model FILE.gguf | --script FILE.json] [--max-steps N] [--json]';

function readScriptArg(path: string): StartInput['model'] {
  const file = resolve(path);
  let text: string;
  try {
    if (statSync(file).size > agentScriptMaxChars) throw new CliError(`${file} is larger than a script sent to the agent may be (${agentScriptMaxChars} bytes).`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot read the script ${file}: ${(error as Error).message}`);
  }
  try {
    // The core checks it against the script schema of the contract.
    return { kind: 'scripted', script: JSON.parse(text) as Extract<StartInput['model'], { kind: 'scripted' }>['script'] };
  } catch (error) {
    throw new CliError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

function parseMaxSteps(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new CliError(`--max-steps must be a whole number, not "${text}".`, exitCodes.usage);
  return Number(text);
}

const stepLine = (step: AgentStep): string => {
  const took = step.durationMs === null ? '' : ` (${Math.round(step.durationMs)} ms${step.outputTokens === null ? '' : `, ${step.outputTokens} tokens`})`;
  return `${String(step.index + 1).padStart(3)}. ${step.kind.padEnd(11)} ${step.status.padEnd(8)} ${step.summary.replaceAll('\n', ' ').slice(0, 200)}${took}`;
};

function describe(session: AgentSession): string {
  const lines = session.answer === null ? [] : ['Answer:', session.answer, ''];
  lines.push('Steps:', ...session.steps.map(stepLine), '');
  const taint = session.tainted ? ` Saw untrusted content from: ${session.untrustedSources.join('; ')}.` : '';
  lines.push(`Session ${session.id}: ${session.status} after ${session.turns} model turn(s), ${session.outputTokens} of ${session.tokenBudget} tokens.${taint}`);
  if (session.error !== null) lines.push(session.error);
  return lines.join('\n');
}

/**
 * Starts the session and follows it to its end. Events that arrive before `agent.start` answers
 * (a scripted session can end that fast) are kept and replayed once the session id is known.
 */
async function follow(link: CoreLink, input: StartInput, io: Required<AgentCommandIo>, options: { quiet: boolean; inConsole: boolean }): Promise<AgentSession> {
  const { quiet, inConsole } = options;
  let sessionId: string | undefined;
  const early: Array<[EventName, unknown]> = [];
  let finish: (finished: Finished) => void = () => undefined;
  const finished = new Promise<Finished>((resolve) => (finish = resolve));
  let textOpen = false;
  const handle = (name: EventName, payload: unknown): void => {
    if (name === 'agent.finished' && (payload as Finished).sessionId === sessionId) return finish(payload as Finished);
    if (name === 'toolcall.updated' && inConsole) {
      const update = payload as ToolCallUpdate;
      if (update.sessionId === sessionId && update.state === 'asked') io.err(`${update.tool} waits for a decision in the console (no answer in time means deny)…`);
      return;
    }
    if (quiet) return;
    if (name === 'agent.text' && (payload as { sessionId: string }).sessionId === sessionId) {
      io.stream((payload as { text: string }).text);
      textOpen = true;
    } else if (name === 'agent.step' && (payload as AgentStep).sessionId === sessionId) {
      const step = payload as AgentStep;
      if (step.status === 'running' && step.kind !== 'tool_call') return;
      io.stream(`${textOpen ? '\n' : ''}${stepLine(step)}\n`);
      textOpen = false;
    }
  };
  const stop = link.onEvent((name, payload) => {
    if (sessionId === undefined) early.push([name, payload]);
    else handle(name, payload);
  });
  // Ctrl-C stops the session where it runs (in the console it would otherwise go on).
  const interrupt = () => {
    if (sessionId !== undefined) void link.request('agent.stop', { sessionId }).catch(() => undefined);
  };
  process.once('SIGINT', interrupt);
  try {
    sessionId = (await link.request('agent.start', input)).sessionId;
    for (const [name, payload] of early.splice(0)) handle(name, payload);
    await finished;
    if (textOpen) io.stream('\n');
    return await link.request('agent.get', { sessionId });
  } finally {
    process.off('SIGINT', interrupt);
    stop();
  }
}

/** Loads a GGUF file as the core's model, with a progress bar. */
async function loadModel(link: CoreLink, path: string): Promise<void> {
  const bar = progressBar('Loading model');
  const stop = link.onEvent((name, payload) => {
    if (name === 'model.progress') bar.update(Math.round((payload as PayloadOf<'model.progress'>).progress * 100), 100);
  });
  try {
    await link.request('model.load', { path });
  } finally {
    stop();
    bar.finish();
  }
}

/**
 * `warden agent "TASK"`: one agent session, headless. With a console running, the session runs
 * there (its approvals are answered there); without one, it runs in this process, where a call
 * that needs approval is denied at once, since nobody could answer it.
 */
export async function agentCommand(args: readonly string[], dataDir: string | undefined, io: AgentCommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { model: { type: 'string' }, script: { type: 'string' }, 'max-steps': { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
  });
  const [task, extra] = positionals;
  if (task === undefined || extra !== undefined) throw new CliError(`${usage}\n(Quote the task: it is one argument.)`, exitCodes.usage);
  if (values.model !== undefined && values.script !== undefined) throw new CliError(`Give --model or --script, not both.\n${usage}`, exitCodes.usage);
  const maxSteps = parseMaxSteps(values['max-steps']);
  const input: StartInput = {
    task,
    model: values.script === undefined ? { kind: 'loaded' } : readScriptArg(values.script),
    ...(maxSteps === undefined ? {} : { maxSteps }),
  };
  const modelPath = values.model === undefined ? undefined : resolve(values.model);
  const full: Required<AgentCommandIo> = { ...io, stream: io.stream ?? ((text) => void process.stderr.write(text)) };
  const quiet = values.json === true;

  const client = await connectToConsole(loadConfig({ shell: 'cli', dataDir }).dataDir);
  let session: AgentSession;
  if (client) {
    try {
      if (modelPath !== undefined) await loadModel(client, modelPath);
      session = await follow(client, input, full, { quiet, inConsole: true });
    } finally {
      client.close();
    }
  } else {
    if (input.model.kind === 'loaded' && modelPath === undefined) {
      throw new CliError(`No console is running, so no model is loaded: give --model FILE.gguf or --script FILE.json.\n${usage}`, exitCodes.usage);
    }
    io.err('No console is running: the session runs here, and a call that needs approval is denied at once (to answer them, open the desktop app or start `warden serve` on this data directory first).');
    session = await withCore(dataDir, async (warden) => {
      const link: CoreLink = { request: (name, body) => request(warden, name, body), onEvent: (listener) => warden.events.subscribe(listener) };
      const options = { quiet, inConsole: false };
      if (modelPath === undefined) return follow(link, input, full, options);
      await loadModel(link, modelPath);
      try {
        return await follow(link, input, full, options);
      } finally {
        await request(warden, 'model.unload', {});
      }
    });
  }
  io.out(quiet ? JSON.stringify(session, null, 2) : describe(session));
  return session.status === 'completed' ? exitCodes.ok : exitCodes.failure;
}
