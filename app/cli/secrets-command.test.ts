import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInKeyring } from '../secrets/test-keyring.ts';

const scenario = join(import.meta.dirname, 'fixtures', 'secrets-cli-scenario.ts');

describe('warden secrets and warden audit against a real keychain', () => {
  it('stores, lists, rotates and removes a secret from stdin, audits names only, and prints or stores no value', async () => {
    const run = await runInKeyring('unlocked', scenario, { timeoutMs: 60_000 });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.result).toEqual({
      setCode: 0,
      keychain: 'available',
      listed: [{ name: 'CANARY_TOKEN', tools: ['read_file'], status: 'ok' }],
      asArgumentCode: 2,
      asArgumentExplains: true,
      rotateCode: 0,
      auditSummaries: ['Secret CANARY_TOKEN rotated', 'Secret CANARY_TOKEN stored in the keychain'],
      removeCode: 0,
      remaining: 0,
      verifyCode: 0,
      keySource: 'keychain',
      printedAValue: false,
      filesHoldingAValue: 0,
    });
  });

  it('says what to do when there is no keychain, and stores nothing', async () => {
    const run = await runInKeyring('no-bus', scenario, { timeoutMs: 60_000 });
    const result = run.result as { setCode: number; keychain: string; keySource: string; filesHoldingAValue: number };
    expect(result.setCode).toBe(1);
    expect(result.keychain).toBe('missing');
    expect(result.keySource).toBe('file');
    expect(result.filesHoldingAValue).toBe(0);
  });
});
