import { Button } from '../../components/button.tsx';
import { Icon } from '../../components/icons.tsx';
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
    <section className="rotation-reminders" data-testid="rotation-reminders" aria-labelledby="rotation-reminders-title">
      <Icon name="alerts" size={16} className="rotation-reminders__icon" />
      <div className="rotation-reminders__body">
        <h2 id="rotation-reminders-title" className="rotation-reminders__title">
          {count === 1 ? '1 secret is' : `${count} secrets are`} past {count === 1 ? 'its' : 'their'} rotation age
        </h2>
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
      </div>
    </section>
  );
}
