import { writeSync } from 'node:fs';
import { openAuditTrail } from './audit-trail.ts';
import { syntheticEvent } from './synthetic-events.ts';

/**
 * Fixture of the durability test: appends events one per transaction, as fast as it can, and prints
 * each seq once its append has returned, until it is killed. Usage: node kill-test-appender.ts DIR
 */
const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: node app/audit/kill-test-appender.ts DIR');
const trail = openAuditTrail({ dir });
for (let i = 0; ; i++) {
  const event = trail.append(syntheticEvent(i));
  // A synchronous write to the pipe: once printed, the test may hold us to it.
  writeSync(1, `${event.seq}\n`);
}
