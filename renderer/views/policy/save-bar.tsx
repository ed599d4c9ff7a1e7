import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Icon } from '../../components/icons.tsx';
import type { PolicyChange } from './policy-diff.ts';
import './save-bar.css';

const sign: Record<PolicyChange['kind'], string> = { added: '+', removed: '−', changed: '~' };
const kindWords: Record<PolicyChange['kind'], string> = { added: 'added', removed: 'removed', changed: 'changed' };

/**
 * Pinned under the page while editing: what the save would change, line by line, before it is
 * made; what still needs fixing; the core's answer when it refuses; Save and Discard.
 */
export function SaveBar({
  changes,
  problems,
  stale,
  error,
  pending,
  onSave,
  onDiscard,
}: {
  changes: readonly PolicyChange[];
  /** Fields that need fixing, counted once a save was tried. */
  problems: number;
  /** The revision someone else saved after this edit began, when its content differs. */
  stale: number | null;
  error: Error | null;
  pending: boolean;
  onSave: () => void;
  onDiscard: () => void;
}) {
  const sections = [...new Set(changes.map((change) => change.section))];
  return (
    <section className="save-bar" aria-labelledby="policy-save-title" data-testid="policy-save-bar">
      <div className="save-bar__inner">
        <header className="save-bar__head">
          <h2 id="policy-save-title" className="save-bar__title">
            {changes.length === 0 ? 'No changes yet' : changes.length === 1 ? '1 change to save' : `${changes.length} changes to save`}
          </h2>
          <span className="save-bar__hint muted">
            {changes.length === 0 ? 'Edit the sections above; what would change is listed here before you save.' : 'Checked by the core, recorded in the audit trail with before and after, in force at once.'}
          </span>
        </header>
        {changes.length > 0 && (
          <div className="save-bar__changes" data-testid="policy-changes" tabIndex={0} aria-label="What the save changes">
            {sections.map((section) => (
              <div key={section} className="save-bar__section">
                <h3>{section}</h3>
                <ul>
                  {changes
                    .filter((change) => change.section === section)
                    .map((change, index) => (
                      <li key={`${change.kind}-${change.text}-${index}`} className={`save-bar__change save-bar__change--${change.kind}`} data-testid="policy-change" data-kind={change.kind}>
                        <span className="save-bar__sign" aria-hidden="true">
                          {sign[change.kind]}
                        </span>
                        <span className="visually-hidden">{kindWords[change.kind]}: </span>
                        <span className="save-bar__text">{change.text}</span>
                      </li>
                    ))}
                </ul>
              </div>
            ))}
          </div>
        )}
        {stale !== null && (
          <p className="save-bar__stale" role="alert" data-testid="policy-stale">
            <Icon name="info" size={14} />
            <span>
              Someone else saved the policy (revision {stale}) after you started editing. Saving now will be refused: discard your changes
              to see theirs, then make your edit again.
            </span>
          </p>
        )}
        {problems > 0 && (
          <p className="save-bar__problems" role="alert" data-testid="policy-problems">
            {problems === 1 ? '1 field needs fixing' : `${problems} fields need fixing`} before saving: see the messages above.
          </p>
        )}
        {error !== null && <ErrorState error={error} testId="policy-error" />}
        <div className="save-bar__actions">
          <Button onClick={onDiscard} disabled={pending} data-testid="policy-discard">
            Discard changes
          </Button>
          <Button variant="primary" onClick={onSave} disabled={pending || changes.length === 0} data-testid="policy-save">
            {pending ? 'Saving…' : 'Save changes'}
          </Button>
        </div>
      </div>
    </section>
  );
}
