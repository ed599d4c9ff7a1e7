import type { AuditFilter } from '../contract/audit.ts';
import { WardenError } from '../contract/result.ts';
import { actorToken, kindToken, sessionToken, statusToken, toolToken } from './facets.ts';

const maxTerms = 16;
const maxTextChars = 500;
const wordChar = /[\p{L}\p{N}]/u;

/**
 * Turns what a person typed into an FTS5 expression that cannot be a syntax error: every word becomes
 * a quoted phrase (inner quotes doubled), so operators, parentheses, colons and stray quotes are just
 * text. A trailing `*` asks for a prefix match. Words are ANDed. Returns null when nothing searchable
 * is left (only punctuation), which then means "no text condition".
 */
export function textExpression(text: string): string | null {
  if (text.length > maxTextChars) {
    throw new WardenError('invalid_input', `Search text is limited to ${maxTextChars} characters.`);
  }
  const phrases: string[] = [];
  for (const raw of text.split(/\s+/u)) {
    const prefix = raw.endsWith('*');
    const word = raw.replace(/\*+$/u, '');
    if (!wordChar.test(word)) continue;
    phrases.push(`"${word.replaceAll('"', '""')}"${prefix ? ' *' : ''}`);
  }
  if (phrases.length > maxTerms) {
    throw new WardenError('invalid_input', `Search for at most ${maxTerms} words at once (got ${phrases.length}).`);
  }
  return phrases.length === 0 ? null : `text : (${phrases.join(' ')})`;
}

/** The whole MATCH expression for a filter, or null when neither text nor facet filters apply. */
export function matchExpression(filter: AuditFilter): string | null {
  const facets: string[] = [];
  if (filter.kind !== undefined) facets.push(kindToken(filter.kind));
  if (filter.status !== undefined) facets.push(statusToken(filter.status));
  if (filter.tool !== undefined) facets.push(toolToken(filter.tool));
  if (filter.sessionId !== undefined) facets.push(sessionToken(filter.sessionId));
  if (filter.actor !== undefined) facets.push(actorToken(filter.actor));
  const text = filter.text === undefined ? null : textExpression(filter.text);
  const parts: string[] = [];
  if (text !== null) parts.push(`(${text})`);
  if (facets.length > 0) parts.push(`(facets : (${facets.join(' ')}))`);
  return parts.length === 0 ? null : parts.join(' AND ');
}
