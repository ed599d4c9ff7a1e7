import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AuditTrail } from '../audit/index.ts';
import { appendedPayload } from '../audit/index.ts';
import type { AuditEvent, AuditEventInput, Handlers } from '../contract/index.ts';
import type { Redactor } from '../secrets/index.ts';
import type { EventHub } from './event-hub.ts';
import { ensurePrivateDir } from './paths.ts';

type AuditHandlers = Pick<
  Handlers,
  'audit.search' | 'audit.get' | 'audit.verify' | 'audit.stats' | 'audit.histogram' | 'audit.export'
>;

/** Appends one event after every string in it has passed the redactor. */
export type RecordAudit = (event: AuditEventInput) => AuditEvent;

export function auditRecorder(trail: AuditTrail, redactor: Redactor): RecordAudit {
  return (event) => {
    const clean: AuditEventInput = { ...event, summary: redactor.redact(event.summary), actor: redactor.redact(event.actor) };
    if (event.args) clean.args = redactor.redactValue(event.args) as typeof event.args;
    if (event.details) clean.details = redactor.redactValue(event.details) as typeof event.details;
    if (event.excerpt !== undefined) clean.excerpt = redactor.redact(event.excerpt);
    return trail.append(clean);
  };
}

const exportStamp = () => new Date().toISOString().replace(/[:.]/g, '-');

export function auditHandlers(trail: AuditTrail, events: EventHub, dataDir: string): AuditHandlers {
  const progress = (operation: 'export' | 'verify', operationId: string) => (done: number, total: number) =>
    events.emit('audit.progress', { operation, operationId, done, total });
  return {
    'audit.search': (query) => trail.search(query),
    'audit.get': ({ seq }) => trail.get(seq),
    'audit.verify': ({ operationId }) => trail.verify(progress('verify', operationId ?? randomUUID())),
    'audit.stats': () => trail.stats(),
    'audit.histogram': (range) => trail.histogram(range),
    'audit.export': ({ format, filter, operationId }) => {
      // The file name is chosen here: paths never come from a client.
      const out = join(ensurePrivateDir(join(dataDir, 'exports')), `audit-${exportStamp()}.${format}`);
      return trail.exportTo({ format, out, ...(filter ? { filter } : {}), onProgress: progress('export', operationId ?? randomUUID()) });
    },
  };
}

/** Pushes every committed event to watchers as `audit.appended`. */
export function forwardAppended(trail: AuditTrail, events: EventHub): () => void {
  return trail.onAppended((appended) => {
    for (const event of appended) events.emit('audit.appended', appendedPayload(event));
  });
}
