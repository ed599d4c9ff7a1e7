import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { keychainStatusKey, secretListKey, useKeychainStatus, useSecretList, useSecretsLiveUpdates } from '../../data/secrets-queries.ts';
import { useNow } from '../../shell/use-now.ts';
import { ViewHeader } from '../view-header.tsx';
import { AddSecretForm } from './add-secret-form.tsx';
import { DeleteDialog } from './delete-dialog.tsx';
import { EditScopeDialog } from './edit-scope-dialog.tsx';
import { KeychainBanner } from './keychain-banner.tsx';
import { RotateDialog } from './rotate-dialog.tsx';
import { RotationReminders } from './rotation-reminders.tsx';
import { rotationReminders } from './rotation.ts';
import { keychainBlockReason } from './secret-status.ts';
import type { SecretCommand } from './secret-table.tsx';
import { SecretListPanel } from './secret-list-panel.tsx';
import './secrets-view.css';

interface OpenDialog {
  readonly command: SecretCommand;
  readonly name: string;
}

/**
 * The Secrets view: the keychain's state, the secrets (names, scopes, dates; never a value),
 * rotation reminders, and add, rotate, edit scope and delete.
 */
export function SecretsView() {
  useSecretsLiveUpdates();
  const queryClient = useQueryClient();
  const status = useKeychainStatus();
  const list = useSecretList();
  // Fresh data is measured against the moment it arrived, not a clock tick up to 15 s old.
  const now = Math.max(useNow(15_000), list.dataUpdatedAt, status.dataUpdatedAt);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const blocked = keychainBlockReason(status.data);
  const backend = status.data?.backend;
  const secrets = list.data?.secrets ?? [];
  const reminders = rotationReminders(secrets, now);
  // A secret removed elsewhere (another window, the CLI) closes its dialog.
  const target = dialog === null ? undefined : secrets.find((secret) => secret.name === dialog.name);

  const open = (command: SecretCommand, name: string) => {
    setNotice(null);
    setDialog({ command, name });
  };
  const close = () => setDialog(null);
  const done = (message: string) => {
    setDialog(null);
    setNotice(message);
  };
  const checkAgain = () => {
    void queryClient.invalidateQueries({ queryKey: keychainStatusKey });
    void queryClient.invalidateQueries({ queryKey: secretListKey });
  };

  return (
    <div className="view secrets" data-testid="view-secrets" data-available="true">
      <ViewHeader
        title="Secrets"
        summary="Credentials the agent’s tools may use. Values live only in the OS keychain and reach a tool only when it runs; this console never receives them."
      />
      <KeychainBanner query={status} now={now} onCheckAgain={checkAgain} />
      {reminders.length > 0 && (
        <RotationReminders reminders={reminders} now={now} blocked={blocked} onRotate={(name) => open('rotate', name)} />
      )}
      <div className="secrets__stack">
        <SecretListPanel query={list} now={now} blocked={blocked} notice={notice} onCommand={open} />
        <AddSecretForm blocked={blocked} backend={backend} />
      </div>
      {target !== undefined && dialog?.command === 'rotate' && <RotateDialog secret={target} onClose={close} onDone={done} />}
      {target !== undefined && dialog?.command === 'scope' && <EditScopeDialog secret={target} onClose={close} onDone={done} />}
      {target !== undefined && dialog?.command === 'delete' && (
        <DeleteDialog secret={target} backend={backend} onClose={close} onDone={done} />
      )}
    </div>
  );
}
