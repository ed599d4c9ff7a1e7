import { Button } from '../../components/button.tsx';
import { Callout } from '../../components/callout.tsx';
import { formatTimestamp } from '../../format/time.ts';
import type { RotationReminder } from './rotation.ts';
import { formatEvery, formatPast, formatRelative } from './relative-time.ts';
import './rotation-reminders.css';

/** The secrets past their rotation age, each with a way to rotate it now. */
export function RotationReminders({
  reminders,
  now,
  blocked,
  onRotate,
}: {
  reminders: readonly RotationReminder[];
  now: number;
  blocked: string | null;
  onRotate: (name: string) => void;
}) {
  const count = reminders.length;
  return (
    <Callout
      title={count === 1 ? '1 secret is past its rotation age' : `${count} secrets are past their rotation age`}
      titleId="rotation-reminders-title"
      iconSize={16}
      className="rotation-reminders"
      testId="rotation-reminders"
    >
      <p className="rotation-reminders__hint">Issue a new value where each was issued, rotate it here, then revoke the old one.</p>
      <ul className="rotation-reminders__list">
        {reminders.map((reminder) => (
          <li key={reminder.name} className="rotation-reminders__item" data-name={reminder.name}>
            <span className="mono rotation-reminders__name">{reminder.name}</span>
            <span className="rotation-reminders__when">
              due{' '}
              <time dateTime={reminder.dueAt} title={formatTimestamp(reminder.dueAt)}>
                {formatRelative(reminder.dueAt, now)}
              </time>
              {reminder.rotationDays !== null && ` · reminder ${formatEvery(reminder.rotationDays)}`}
              {' · value set '}
              {formatPast(reminder.setAt, now)}
            </span>
            <Button
              size="sm"
              onClick={() => onRotate(reminder.name)}
              aria-label={`Rotate ${reminder.name}`}
              {...(blocked === null ? {} : { disabled: true, title: blocked })}
            >
              Rotate
            </Button>
          </li>
        ))}
      </ul>
    </Callout>
  );
}
