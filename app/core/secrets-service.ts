import type { Handlers } from '../contract/index.ts';
import type { SecretAuditEvent, SecretStore } from '../secrets/index.ts';
import type { RecordAudit } from './audit-service.ts';

type SecretsHandlers = Pick<
  Handlers,
  'secrets.status' | 'secrets.list' | 'secrets.set' | 'secrets.rotate' | 'secrets.remove' | 'secrets.updateScope'
>;

export function secretsHandlers(store: SecretStore): SecretsHandlers {
  return {
    'secrets.status': () => store.status(),
    'secrets.list': () => store.list(),
    'secrets.set': (input, caller) => store.set(input, caller.actor),
    'secrets.rotate': (input, caller) => store.rotate(input, caller.actor),
    'secrets.remove': async ({ name }, caller) => {
      await store.remove(name, caller.actor);
      return { name };
    },
    'secrets.updateScope': (input, caller) => store.editScope(input, caller.actor),
  };
}

const secretSummaries: Record<SecretAuditEvent['action'], (e: SecretAuditEvent) => string> = {
  created: (e) => `Secret ${e.name} stored in the keychain`,
  rotated: (e) => `Secret ${e.name} rotated`,
  removed: (e) => `Secret ${e.name} removed`,
  'scope-changed': (e) => `Scope of secret ${e.name} changed`,
  used: (e) => `Secret ${e.name} given to ${'tool' in e ? e.tool : 'a tool'}`,
  withheld: (e) => `Secret ${e.name} withheld from ${'tool' in e ? e.tool : 'a tool'}${'reason' in e ? ` (${e.reason})` : ''}`,
};

/** Secret use and changes go to the audit trail by name only; scope changes count as policy changes. */
export function secretAuditSink(record: RecordAudit) {
  return {
    record(event: SecretAuditEvent): void {
      const { action, actor } = event;
      const details: Record<string, string | string[]> = { action, name: event.name };
      if ('tool' in event) details.tool = event.tool;
      if ('envVar' in event) details.envVar = event.envVar;
      if ('tools' in event) details.tools = [...event.tools];
      if ('reason' in event) details.reason = event.reason;
      record({
        kind: action === 'scope-changed' ? 'policy_change' : 'secret_use',
        status: action === 'withheld' ? 'blocked' : 'success',
        actor,
        summary: secretSummaries[action](event),
        ...('tool' in event ? { tool: event.tool } : {}),
        details,
      });
    },
  };
}
