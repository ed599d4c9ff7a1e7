import { hash } from 'node:crypto';
import type { AuditEvent, AuditKind, AuditStatus } from '../contract/audit.ts';
import { auditKinds } from '../contract/audit.ts';

/**
 * Filter values become single alphanumeric tokens in the search index's `facets` column, so a filter
 * is one more term for FTS5 to intersect, in rowid order, instead of a B-tree index per column (each of
 * which would cost appends) or a scan. Kinds and statuses are fixed words; free values (tool, session,
 * actor) are hashed, 80 bits, so any text maps to one token and two values practically never collide.
 */
const kindTokens = new Map(auditKinds.map((kind) => [kind, `k${kind.replaceAll('_', '')}`]));
export const kindToken = (kind: AuditKind): string => kindTokens.get(kind) ?? 'k';
export const statusToken = (status: AuditStatus): string => `s${status}`;

type FreeFacet = 't' | 'e' | 'a';
const cache = new Map<string, string>();
const cacheLimit = 4096;

function freeToken(prefix: FreeFacet, value: string): string {
  const key = prefix + value;
  let token = cache.get(key);
  if (token === undefined) {
    // Values repeat (a few tools, a session's many calls): remember recent ones; reset when full.
    if (cache.size >= cacheLimit) cache.clear();
    token = prefix + hash('sha256', value, 'hex').slice(0, 20);
    cache.set(key, token);
  }
  return token;
}

export const toolToken = (tool: string): string => freeToken('t', tool);
export const sessionToken = (sessionId: string): string => freeToken('e', sessionId);
export const actorToken = (actor: string): string => freeToken('a', actor);

/** The `facets` column text for one event. */
export function facetText(event: AuditEvent): string {
  let text = `${kindToken(event.kind)} ${statusToken(event.status)} ${actorToken(event.actor)}`;
  if (event.tool !== undefined) text += ` ${toolToken(event.tool)}`;
  if (event.sessionId !== undefined) text += ` ${sessionToken(event.sessionId)}`;
  return text;
}
