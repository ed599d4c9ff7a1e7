import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditKeyProvider } from '../audit/index.ts';
import { fileKeyProvider } from '../audit/index.ts';
import { WardenError } from '../contract/index.ts';
import type { SecretVault } from '../secrets/index.ts';

export type AuditKeySource = 'keychain' | 'file';

export interface ChosenAuditKey {
  provider: AuditKeyProvider;
  source: AuditKeySource;
}

const keyFile = 'audit.key';
const keychainIdFile = 'audit-key-id';

/**
 * The audit chain's MAC key: in the OS keychain when it can be used when the store is created,
 * otherwise a 0600 key file beside the store (the weaker fallback: whoever can read the console
 * user's files can read it). A store keeps the source it started with; a keychain key that cannot be
 * read later is an error, never a silent switch to a new key, which would break the chain.
 */
export async function chooseAuditKey(auditDir: string, vault: SecretVault): Promise<ChosenAuditKey> {
  const filePath = join(auditDir, keyFile);
  const idPath = join(auditDir, keychainIdFile);
  if (existsSync(filePath)) return { provider: fileKeyProvider(filePath), source: 'file' };
  if (existsSync(idPath)) {
    const account = keychainAccount(readFileSync(idPath, 'utf8').trim());
    const hex = await vault.read(account);
    if (hex === null) {
      const status = await vault.status();
      throw new WardenError(
        'unavailable',
        status.state === 'available'
          ? `The audit trail's key (keychain item "${account}") is missing from the OS keychain; the trail cannot be extended or verified without it. Restore the keychain from a backup.`
          : `The audit trail's key is in the OS keychain, which is ${status.state}: ${status.message}`,
      );
    }
    return { provider: constantKey(Buffer.from(hex, 'hex')), source: 'keychain' };
  }
  const status = await vault.status();
  if (status.state !== 'available') return { provider: fileKeyProvider(filePath), source: 'file' };
  const id = randomBytes(8).toString('hex');
  const key = randomBytes(32);
  await vault.write(keychainAccount(id), key.toString('hex'));
  writeFileSync(idPath, `${id}\n`, { mode: 0o600, flag: 'wx' });
  return { provider: constantKey(key), source: 'keychain' };
}

const keychainAccount = (id: string) => `.warden-audit-key-${id}`;

function constantKey(key: Buffer): AuditKeyProvider {
  if (key.length !== 32) throw new WardenError('internal', 'The audit key in the keychain is not 32 bytes.');
  return { getKey: () => key };
}
