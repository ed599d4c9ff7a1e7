import type { AgentSessionSummary, AgentTurnTimings } from '../contract/agent.ts';
import type { ToolCallOutcome } from '../contract/tools.ts';
import type { ActionResult, ActionTool, ChatMessage, ModelHost } from '../model/index.ts';
import { buildActionSchema, isModelError } from '../model/index.ts';
import type { ToolCallRequest } from '../runner/index.ts';
import type { AgentSessionState } from './agent-session.ts';
import { answerStream } from './answer-stream.ts';
import { resultContentMaxChars, toolResultBlock } from './data-block.ts';
import { firstMessages } from './prompt.ts';
import { untrustedOutputTools, untrustedSource } from './taint.ts';

/** What the loop needs of the perimeter; core passes the one tool-call pipeline. */
export interface AgentTools {
  /** The tools the policy enables now, as the model is offered them. */
  offered(): readonly ActionTool[];
  call(request: ToolCallRequest): Promise<ToolCallOutcome>;
}

export interface LoopOptions {
  /** Most tokens one model call may generate (the session's remaining budget may lower it). */
  readonly stepMaxTokens: number;
  /** Tokens kept free in the context for the next reply when a result is added. */
  readonly replyReserveTokens: number;
}

export const defaultLoopOptions: LoopOptions = { stepMaxTokens: 1024, replyReserveTokens: 256 };

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const argsText = (args: unknown): string => {
  const text = JSON.stringify(args);
  return text.length <= 300 ? text : `${text.slice(0, 299)}…`;
};

/**
 * One session, from the task to its end: the model chooses an action under the grammar of the
 * enabled tools; a tool call goes through the perimeter (validation, policy, approval, sandbox,
 * audit) with the session's id, taint, instruction excerpt and stop signal; the outcome comes back
 * as a labelled data block; and again, until an answer, the step limit, the token budget, a stop
 * or an error. Never throws: every end is a status on the session.
 */
export async function runAgentLoop(session: AgentSessionState, host: ModelHost, tools: AgentTools, options: LoopOptions = defaultLoopOptions): Promise<AgentSessionSummary> {
  const { maxSteps, tokenBudget } = session.settings;
  const signal = session.signal;
  const fail = (turn: number, status: 'failed' | 'budget_exhausted' | 'step_limit' | 'stopped', error: string, timings: AgentTurnTimings | null = null) => {
    session.addStep({ kind: 'error', turn, status: 'failure', summary: error, ...(timings === null ? {} : { timings }) });
    return session.end(status, { error });
  };
  const stopped = (turn: number) => fail(Math.min(turn, maxSteps), 'stopped', session.stopReason);

  let actions;
  try {
    // Once per session: the llama host caches its grammar per schema object.
    actions = buildActionSchema(tools.offered());
  } catch (error) {
    return fail(0, 'failed', `The enabled tools cannot be offered to the model: ${message(error)}`);
  }
  const messages: ChatMessage[] = firstMessages(session.task);

  for (let turn = 0; ; turn++) {
    if (signal.aborted) return stopped(turn);
    if (turn >= maxSteps) return fail(maxSteps, 'step_limit', `The step limit (${maxSteps}) was reached before the model answered.`);
    const remaining = tokenBudget - session.outputTokens;
    if (remaining <= 0) return fail(turn, 'budget_exhausted', `The token budget (${tokenBudget} generated tokens) is used up.`);

    const turnStarted = performance.now();
    const maxTokens = Math.min(options.stepMaxTokens, remaining);
    const thinking = session.addStep({ kind: 'thinking', turn, summary: 'The model is choosing its next step.' });
    const modelStarted = performance.now();
    let result: ActionResult;
    try {
      // A copy: the host may keep what it was given (the scripted host records it), and the list grows.
      result = await host.nextAction({ messages: [...messages], actions, maxTokens, signal, onText: answerStream((text) => session.text(text)) });
    } catch (error) {
      const modelMs = performance.now() - modelStarted;
      session.updateStep(thinking, { status: 'failure', durationMs: modelMs, summary: `The model call failed: ${message(error)}` });
      if (signal.aborted) return stopped(turn);
      const timings = { modelMs, toolMs: 0, overheadMs: Math.max(0, performance.now() - turnStarted - modelMs) };
      // The cap that cut the action short was the budget's, not the per-call cap: the budget ran out.
      if (isModelError(error, 'truncated') && maxTokens < options.stepMaxTokens) {
        return fail(turn, 'budget_exhausted', `The token budget (${tokenBudget} generated tokens) ran out in the middle of the model's reply.`, timings);
      }
      return fail(turn, 'failed', `The model could not produce a valid next step: ${message(error)}`, timings);
    }
    const modelMs = performance.now() - modelStarted;
    session.countTurn(result.usage.outputTokens);
    const { action } = result;

    if (action.kind === 'final') {
      session.updateStep(thinking, { status: 'success', durationMs: modelMs, outputTokens: result.usage.outputTokens, summary: 'The model answered.' });
      const timings = { modelMs, toolMs: 0, overheadMs: Math.max(0, performance.now() - turnStarted - modelMs) };
      session.addStep({ kind: 'answer', turn, status: 'success', summary: action.answer, durationMs: 0, timings });
      return session.end('completed', { answer: action.answer });
    }

    session.updateStep(thinking, { status: 'success', durationMs: modelMs, outputTokens: result.usage.outputTokens, summary: `The model chose ${action.tool}.` });
    const call = session.addStep({ kind: 'tool_call', turn, tool: action.tool, summary: `${action.tool} ${argsText(action.args)}` });
    const toolStarted = performance.now();
    let outcome: ToolCallOutcome;
    try {
      outcome = await tools.call({
        tool: action.tool,
        args: action.args,
        actor: session.actor,
        sessionId: session.id,
        ...(session.settings.interface === undefined ? {} : { interface: session.settings.interface }),
        ...(session.tainted ? { tainted: true } : {}),
        instructionExcerpt: session.excerpt,
        signal,
      });
    } catch (error) {
      const toolMs = performance.now() - toolStarted;
      session.updateStep(call, { status: 'failure', durationMs: toolMs, summary: `${action.tool} could not be called: ${message(error)}` });
      return fail(turn, 'failed', `The tool call failed inside Warden: ${message(error)}`, { modelMs, toolMs, overheadMs: Math.max(0, performance.now() - turnStarted - modelMs - toolMs) });
    }
    const toolMs = performance.now() - toolStarted;
    session.updateStep(call, { status: outcome.status, toolCallId: outcome.id, durationMs: toolMs, summary: `${action.tool}: ${outcome.status}: ${outcome.message}` });
    if (signal.aborted) return stopped(turn);

    const untrusted = untrustedOutputTools.has(action.tool) && outcome.output !== null;
    if (untrusted) session.markTainted(untrustedSource(action.tool, action.args));
    const overheadMs = () => Math.max(0, performance.now() - turnStarted - modelMs - toolMs);
    let block: string | null;
    try {
      block = fitBlock(host, outcome, untrusted, result.usage, options.replyReserveTokens);
    } catch (error) {
      // Counting needs the model: it may have been unloaded meanwhile.
      return fail(turn, 'failed', `The result of ${action.tool} could not be measured for the model: ${message(error)}`, { modelMs, toolMs, overheadMs: overheadMs() });
    }
    if (block === null) {
      return fail(turn, 'budget_exhausted', `The model's context (${result.usage.contextSize} tokens) has no room for the result of ${action.tool}.`, { modelMs, toolMs, overheadMs: overheadMs() });
    }
    messages.push({ role: 'assistant', content: '', toolCalls: [{ tool: action.tool, args: action.args, result: block }] });
    session.addStep({
      kind: 'tool_result',
      turn,
      status: 'success',
      tool: action.tool,
      toolCallId: outcome.id,
      summary: `${untrusted ? 'Untrusted data' : 'Result'} given to the model (${block.length} characters): ${outcome.status}`,
      durationMs: 0,
      timings: { modelMs, toolMs, overheadMs: overheadMs() },
    });
  }
}

/**
 * The result block, cut further when the context has no room for it in full; null when even a
 * short one does not fit. The host counts the tokens, as the model will see them.
 */
function fitBlock(host: ModelHost, outcome: ToolCallOutcome, untrusted: boolean, usage: ActionResult['usage'], reserve: number): string | null {
  const room = usage.contextSize - usage.contextTokens - reserve;
  let maxChars = resultContentMaxChars;
  for (let attempt = 0; attempt < 3 && room > 0; attempt++) {
    const block = toolResultBlock(outcome, untrusted, maxChars);
    const tokens = host.countTokens(block);
    if (tokens <= room) return block;
    maxChars = Math.floor((maxChars * room * 0.9) / tokens);
    if (maxChars < 200) break;
  }
  return null;
}
