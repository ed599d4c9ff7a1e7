/**
 * Seeds a data directory with a realistic audit trail for the Audit view's e2e test:
 *
 *   node e2e/seed-audit.ts DATA_DIR [COUNT=5000] [SPREAD_DAYS=7]
 *
 * Every event goes through the real core (`createWarden(...).record`), so it is redacted, chained,
 * indexed and checkpointed exactly as in use. The store stamps each event with its own clock; so
 * that the chart and the time filters have something to show, that clock is walked from SPREAD_DAYS
 * ago to a minute ago while seeding (monotonic, as the store requires), then given back. Prints one
 * JSON line: what was written, and the counts the test checks against.
 */
import type { AuditEventInput } from '../app/contract/index.ts';
import { syntheticEvent } from '../app/audit/synthetic-events.ts';
import { createWarden, loadConfig } from '../app/core/index.ts';

const [dataDir, countArg = '5000', spreadArg = '7'] = process.argv.slice(2);
if (dataDir === undefined) {
  console.error('usage: node e2e/seed-audit.ts DATA_DIR [COUNT] [SPREAD_DAYS]');
  process.exit(2);
}
const count = Number(countArg);
const spreadMs = Number(spreadArg) * 86_400_000;

/** Every tenth event is not a tool call, so the kind filter and the chart have variety. */
function seedEvent(i: number): AuditEventInput {
  if (i % 10 !== 9) return syntheticEvent(i);
  const n = (i / 10) | 0;
  switch (n % 6) {
    case 0:
      return {
        kind: 'approval',
        status: n % 4 === 0 ? 'denied' : 'success',
        actor: 'console (ana)',
        sessionId: `sess-${(i >> 6).toString(36)}`,
        tool: 'fs.write',
        decision: n % 4 === 0 ? 'deny' : 'allow',
        decidedBy: { kind: 'person', name: 'ana' },
        interface: 'web',
        summary: `Approval ${n % 4 === 0 ? 'denied' : 'granted'} for fs.write on draft-${n}.md`,
      };
    case 1:
      return {
        kind: 'auth',
        status: n % 5 === 0 ? 'failure' : 'success',
        actor: n % 5 === 0 ? 'unknown' : 'console (ana)',
        interface: 'web',
        summary: n % 5 === 0 ? 'Console login failed: wrong or used login link' : 'Console login: console (ana)',
      };
    case 2:
      return {
        kind: 'secret_use',
        status: 'success',
        actor: `agent ${n % 50}`,
        sessionId: `sess-${(i >> 6).toString(36)}`,
        tool: 'email.send',
        summary: 'Secret SMTP_PASSWORD injected into email.send',
        details: { secret: 'SMTP_PASSWORD' },
      };
    case 3:
      return {
        kind: 'policy_change',
        status: 'success',
        actor: 'console (ana)',
        interface: 'desktop',
        summary: 'Network allowlist changed',
        details: { before: { hosts: ['api.example.com'] }, after: { hosts: ['api.example.com', 'calendar.example.com'] } },
      };
    case 4:
      return {
        kind: 'alert',
        status: n % 3 === 0 ? 'blocked' : 'pending',
        actor: 'monitor',
        summary: n % 3 === 0 ? 'Exfiltration pattern blocked: web.fetch to an unlisted host' : 'Burst of denied calls from one session',
      };
    default:
      return { kind: 'lifecycle', status: 'success', actor: 'warden', summary: 'Tools locked and unlocked by an admin' };
  }
}

const realNow = Date.now;
const end = realNow() - 60_000;
let clock = end - spreadMs;
Date.now = () => clock;
try {
  const warden = await createWarden(loadConfig({ shell: 'headless', dataDir }));
  let needles = 0;
  for (let i = 0; i < count; i++) {
    clock = end - spreadMs + Math.round((spreadMs * (i + 1)) / (count + 1));
    const event = seedEvent(i);
    if (event.summary.includes('chargeback')) needles++;
    warden.record(event);
  }
  clock = end;
  await warden.close();
  console.log(JSON.stringify({ dataDir, recorded: count, needles, keySource: warden.auditKeySource }));
} finally {
  Date.now = realNow;
}
