import { parseArgs } from 'node:util';
import { readinessChecks } from '../core/index.ts';
import { withCore } from './cli-core.ts';
import { exitCodes } from './exit-codes.ts';

const marks = { pass: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;

/** `warden doctor`: the production-readiness checks; exits 1 when one fails. */
export async function doctorCommand(args: readonly string[], dataDir: string | undefined, out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { json: { type: 'boolean' } } });
  const checks = await withCore(dataDir, (warden) => readinessChecks(warden));
  const failed = checks.filter((c) => c.status === 'fail').length;
  if (values.json) {
    out(JSON.stringify({ ok: failed === 0, checks }, null, 2));
  } else {
    for (const check of checks) {
      out(`${marks[check.status]}  ${check.title}: ${check.detail}`);
      if (check.fix && check.status !== 'pass') out(`      fix: ${check.fix}`);
    }
    out(failed === 0 ? 'Ready.' : `${failed} check${failed === 1 ? '' : 's'} failed.`);
  }
  return failed === 0 ? exitCodes.ok : exitCodes.failure;
}
