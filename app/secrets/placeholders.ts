import { WardenError } from '../contract/result.ts';

/** What the redactor puts where a stored secret's value was. */
export const secretPlaceholder = (name: string): string => `[secret:${name}]`;
/** What the redactor puts where a well-known credential shape was. */
export const redactedPlaceholder = (kind: string): string => `[redacted:${kind}]`;

const placeholderPattern = /\[(?:secret:[A-Z][A-Z0-9_]{0,63}|redacted:[a-z][a-z0-9-]{0,40})\]/g;

export interface PlaceholderHit {
  placeholder: string;
  line: number;
}

export function findPlaceholders(text: string): PlaceholderHit[] {
  const hits: PlaceholderHit[] = [];
  let line = 1;
  let counted = 0;
  for (const match of text.matchAll(placeholderPattern)) {
    for (let i = counted; i < match.index; i++) if (text.charCodeAt(i) === 10) line++;
    counted = match.index;
    hits.push({ placeholder: match[0], line });
  }
  return hits;
}

export interface PlaceholderCheckOptions {
  /** The file the content is for, named in the error. */
  target?: string;
  /**
   * The file's current content. Placeholders it already holds (a file that documents Warden, say)
   * may stay; only new ones are refused.
   */
  existing?: string;
}

/**
 * Refuses content that carries a redaction placeholder into a file. Such content came from
 * redacted output (a tool result, a log, the model's view of a file) and writing it would replace
 * a real credential in the file with the placeholder, silently breaking whatever reads that file.
 */
export function assertNoPlaceholder(content: string, options: PlaceholderCheckOptions = {}): void {
  const hits = findPlaceholders(content);
  if (hits.length === 0) return;
  const allowance = new Map<string, number>();
  for (const hit of findPlaceholders(options.existing ?? '')) {
    allowance.set(hit.placeholder, (allowance.get(hit.placeholder) ?? 0) + 1);
  }
  const fresh = hits.filter((hit) => {
    const left = allowance.get(hit.placeholder) ?? 0;
    if (left === 0) return true;
    allowance.set(hit.placeholder, left - 1);
    return false;
  });
  const first = fresh[0];
  if (first === undefined) return;
  const where = options.target === undefined ? 'the file' : options.target;
  const more = fresh.length > 1 ? ` (and ${fresh.length - 1} more)` : '';
  throw new WardenError(
    'invalid_input',
    `Refusing to write ${where}: line ${first.line} contains ${first.placeholder}${more}, a placeholder Warden's redactor put where a credential was. ` +
      'Writing it would replace the real value in the file with the placeholder. Change only the parts of the file that need changing, ' +
      'or have a person put the credential in place; secrets reach tools as environment variables, not through file contents.',
  );
}
