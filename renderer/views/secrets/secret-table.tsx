import type { SecretInfo } from '../../../app/contract/index.ts';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { secretStatusViews } from './secret-status.ts';
import { SecretTime } from './secret-time.tsx';
import { ToolChips } from './tool-chips.tsx';
import { formatEvery, formatRelative } from './relative-time.ts';
import './secret-table.css';

export type SecretCommand = 'rotate' | 'scope' | 'delete';

interface Props {
  readonly secrets: readonly SecretInfo[];
  readonly now: number;
  /** Why rotate and delete are off (the keychain is not available), or null. */
  readonly blocked: string | null;
  readonly blockedNoteId: string;
  readonly onCommand: (command: SecretCommand, name: string) => void;
}

/** One row per secret: what it is, which tools get it under which variable, whether its value is there, and its dates. */
export function SecretTable({ secrets, now, blocked, blockedNoteId, onCommand }: Props) {
  return (
    <div className="secret-table__scroll">
      <table className="secret-table">
        <caption className="visually-hidden">Secrets stored in the keychain, without their values</caption>
        <thead>
          <tr>
            <th scope="col">Secret</th>
            <th scope="col">Scope</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Rotated</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {secrets.map((secret) => (
            <SecretRow
              key={secret.name}
              secret={secret}
              now={now}
              blocked={blocked}
              blockedNoteId={blockedNoteId}
              onCommand={onCommand}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SecretRow({ secret, now, blocked, blockedNoteId, onCommand }: Omit<Props, 'secrets'> & { secret: SecretInfo }) {
  const status = secretStatusViews[secret.status];
  const due = secret.rotationDueAt !== null && Date.parse(secret.rotationDueAt) <= now;
  const blockedProps = blocked === null ? {} : { disabled: true, title: blocked, 'aria-describedby': blockedNoteId };
  return (
    <tr data-testid="secret-row" data-name={secret.name} data-status={secret.status}>
      <th scope="row" className="secret-table__name">
        <span className="mono" data-testid="secret-name">
          <Breakable text={secret.name} />
        </span>
        {secret.description !== '' && (
          <span className="secret-table__description" title={secret.description}>
            {secret.description}
          </span>
        )}
      </th>
      <td>
        <span className="secret-table__stack">
          <span data-testid="secret-tools">
            <ToolChips tools={secret.tools} empty="no tool" />
          </span>
          <span className="secret-table__env">
            as{' '}
            <span className="mono" data-testid="secret-env-var">
              <Breakable text={secret.envVar} />
            </span>
          </span>
        </span>
      </td>
      <td>
        <span title={status.explanation} data-testid="secret-status">
          <Badge tone={status.tone}>{status.label}</Badge>
          <span className="visually-hidden">: {status.explanation}</span>
        </span>
      </td>
      <td data-testid="secret-created">
        <SecretTime iso={secret.createdAt} now={now} />
      </td>
      <td data-testid="secret-rotated">
        <span className="secret-table__stack">
          <SecretTime iso={secret.rotatedAt} now={now} />
          {secret.rotationDueAt !== null && secret.rotationDays !== null && (
            <span
              className={due ? 'secret-table__due secret-table__due--late' : 'secret-table__due'}
              title={`Rotation reminder ${formatEvery(secret.rotationDays)}`}
            >
              due {formatRelative(secret.rotationDueAt, now)}
            </span>
          )}
        </span>
      </td>
      <td data-testid="secret-last-used">
        <SecretTime iso={secret.lastUsedAt} now={now} />
      </td>
      <td className="secret-table__actions">
        <Button
          size="sm"
          data-testid="secret-rotate"
          aria-label={`Rotate ${secret.name}`}
          onClick={() => onCommand('rotate', secret.name)}
          {...blockedProps}
        >
          Rotate
        </Button>
        <Button
          size="sm"
          data-testid="secret-edit-scope"
          aria-label={`Edit the scope of ${secret.name}`}
          onClick={() => onCommand('scope', secret.name)}
        >
          Edit scope
        </Button>
        <Button
          size="sm"
          variant="ghost"
          className="btn--danger-ghost"
          data-testid="secret-delete"
          aria-label={`Delete ${secret.name}`}
          onClick={() => onCommand('delete', secret.name)}
          {...blockedProps}
        >
          Delete
        </Button>
      </td>
    </tr>
  );
}

/** An UPPER_SNAKE name that may wrap after its underscores when the table runs out of width. */
function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=_)/);
  return parts.map((part, index) => (
    <span key={index}>
      {part}
      {index < parts.length - 1 && <wbr />}
    </span>
  ));
}
