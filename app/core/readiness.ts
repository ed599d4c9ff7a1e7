import { scanForPlaintextCredentials } from '../secrets/index.ts';
import type { Warden } from './warden.ts';

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface ReadinessCheck {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  /** What to do, when the check did not pass. */
  fix?: string;
}

/**
 * The production-readiness checks of `warden doctor`: isolation, keychain, the audit trail's key,
 * integrity and separation, and plaintext credentials where they should not be.
 */
export async function readinessChecks(warden: Warden): Promise<ReadinessCheck[]> {
  const checks: ReadinessCheck[] = [];
  const isolation = warden.runner.isolation;
  checks.push(
    isolation.level === 'full' && isolation.missing.length === 0
      ? { id: 'isolation', title: 'Tool isolation', status: 'pass', detail: `full: ${isolation.user.name} (${isolation.via}) inside ${isolation.sandbox}` }
      : {
          id: 'isolation',
          title: 'Tool isolation',
          status: 'fail',
          detail:
            isolation.level === 'full'
              ? 'full, but tools cannot start in the sandbox'
              : `${isolation.level}: exec and destructive tools are refused until an admin accepts this level`,
          fix: isolation.missing.map((m) => `${m.what}: ${m.fix}`).join('; ') || 'run sudo warden setup-sandbox',
        },
  );

  const keychain = await warden.secrets.status();
  checks.push(
    keychain.state === 'available'
      ? { id: 'keychain', title: 'OS keychain', status: 'pass', detail: 'available' }
      : { id: 'keychain', title: 'OS keychain', status: 'fail', detail: keychain.state, fix: keychain.message },
  );

  checks.push(
    warden.auditKeySource === 'keychain'
      ? { id: 'audit-key', title: 'Audit chain key', status: 'pass', detail: 'in the OS keychain' }
      : {
          id: 'audit-key',
          title: 'Audit chain key',
          status: 'warn',
          detail: 'in audit/audit.key (mode 0600): anyone who can read the console user’s files can read it',
          fix: 'create the trail with the keychain available (a new data dir inside a keychain session)',
        },
  );

  const verify = await warden.audit.verify();
  checks.push(
    verify.ok
      ? { id: 'audit-chain', title: 'Audit trail integrity', status: 'pass', detail: `${verify.checked} events and ${verify.checkpointsChecked} checkpoints verify` }
      : {
          id: 'audit-chain',
          title: 'Audit trail integrity',
          status: 'fail',
          detail: verify.problem ? `${verify.problem.kind} at seq ${verify.problem.seq}: ${verify.problem.message}` : 'verification failed',
          fix: 'treat as an incident: keep a copy of the data dir and compare with the forwarded copy or archives',
        },
  );

  const separation = warden.audit.checkSeparation();
  checks.push(
    separation.ok
      ? { id: 'audit-separation', title: 'Audit store separation', status: 'pass', detail: 'owned by the console user, mode 0700/0600' }
      : {
          id: 'audit-separation',
          title: 'Audit store separation',
          status: 'fail',
          detail: separation.problems.map((p) => `${p.path}: ${p.problem}`).join('; '),
          fix: 'chmod 700 the audit directory and 600 its files, owned by the console user',
        },
  );

  const policy = warden.policy.current();
  const scan = await scanForPlaintextCredentials({
    roots: [warden.config.dataDir, warden.policy.file, policy.workspace, ...policy.references],
    redactor: warden.secrets.redactor,
  });
  checks.push(
    scan.findings.length === 0
      ? { id: 'plaintext-credentials', title: 'Plaintext credentials', status: 'pass', detail: `none in ${scan.filesScanned} files` }
      : {
          id: 'plaintext-credentials',
          title: 'Plaintext credentials',
          status: 'fail',
          detail: scan.findings
            .slice(0, 10)
            .map((f) => `${f.file}${f.line === null ? '' : `:${f.line}`} ${f.kind}${f.preview ? ` ${f.preview}` : ''}`)
            .join('; '),
          fix: 'move each credential into the keychain (warden secrets set NAME) and delete it from the file',
        },
  );
  return checks;
}
