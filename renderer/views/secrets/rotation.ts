import type { SecretInfo } from '../../../app/contract/index.ts';

export interface RotationReminder {
  readonly name: string;
  readonly dueAt: string;
  readonly rotationDays: number | null;
  /** When the value was last set: the rotation, or the creation. */
  readonly setAt: string;
}

/**
 * Secrets past their rotation age, most overdue first. Worked out from the dates rather than
 * from `status`, which says "unknown" for every secret while the keychain is locked.
 */
export function rotationReminders(secrets: readonly SecretInfo[], now: number): RotationReminder[] {
  return secrets
    .filter((secret) => secret.rotationDueAt !== null && Date.parse(secret.rotationDueAt) <= now)
    .map((secret) => ({
      name: secret.name,
      dueAt: secret.rotationDueAt ?? '',
      rotationDays: secret.rotationDays,
      setAt: secret.rotatedAt ?? secret.createdAt,
    }))
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.name.localeCompare(b.name));
}

/** Names in list order: alphabetical, as a person scans for one. */
export function sortSecrets(secrets: readonly SecretInfo[]): SecretInfo[] {
  return [...secrets].sort((a, b) => a.name.localeCompare(b.name));
}
