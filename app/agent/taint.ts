import type { JsonObject } from '../contract/tools.ts';

/**
 * Tools whose output carries content from outside the instruction plane: files (their text and
 * their names), web pages, and what a program printed. Once a session has read any of it, the
 * session is tainted: policy raises its outbound, exec and destructive calls to ask at least, and
 * the approval card names where the content came from.
 */
export const untrustedOutputTools: ReadonlySet<string> = new Set(['read_file', 'search_files', 'list_dir', 'http_request', 'run_command']);

export const sourceMaxChars = 1000;

/** Where the content came from, as a person reads it on the approval card: `read_file notes/todo.txt`. */
export function untrustedSource(tool: string, args: JsonObject): string {
  const where = ['url', 'path', 'cwd'].map((key) => args[key]).find((value) => typeof value === 'string');
  const argv = Array.isArray(args['argv']) ? args['argv'].filter((a) => typeof a === 'string').join(' ') : '';
  const query = typeof args['query'] === 'string' ? ` "${args['query']}"` : '';
  const text = `${tool} ${argv === '' ? '' : `${argv} in `}${typeof where === 'string' ? where : '.'}${query}`;
  return text.length <= sourceMaxChars ? text : `${text.slice(0, sourceMaxChars - 1)}…`;
}
