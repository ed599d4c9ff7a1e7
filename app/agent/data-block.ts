import type { ToolCallOutcome } from '../contract/tools.ts';

/**
 * The data plane: what a tool returned reaches the model only inside a labelled block, e.g.
 *
 *   <tool_result tool="read_file" status="success" untrusted="true">
 *   {"path":"/w/notes.txt","content":"…"}
 *   </tool_result>
 *
 * The content is escaped (&, <, >) so that nothing inside, such as a file holding
 * "</tool_result>", can close the block early and speak as the instruction plane.
 */

/** Characters of a result's content the model is shown; the rest is cut and the cut is said. */
export const resultContentMaxChars = 8000;

export function escapeData(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function cut(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars)}… [${text.length - maxChars} more characters not shown]`;
}

/**
 * The block for one outcome. A call that did not run (blocked, denied) says why, so the model
 * can change course; the message is the perimeter's own text, but it is escaped all the same.
 */
export function toolResultBlock(outcome: ToolCallOutcome, untrusted: boolean, maxChars = resultContentMaxChars): string {
  const content = outcome.output === null ? outcome.message : JSON.stringify(outcome.output);
  const note = outcome.status === 'success' || outcome.output === null ? '' : `${escapeData(cut(outcome.message, 500))}\n`;
  // The attributes are a validated tool name and a status enum; escaped anyway, so nothing unchecked goes in.
  const head = `<tool_result tool="${escapeData(outcome.tool).replaceAll('"', '&quot;')}" status="${outcome.status}" untrusted="${untrusted}">`;
  return `${head}\n${note}${escapeData(cut(content, maxChars))}\n</tool_result>`;
}
