import { Icon } from '../../components/icons.tsx';
import './warnings-callout.css';

/** What the core flags as allowed but probably not meant (an interpreter on the allowlist, a tool with nothing to use). */
export function WarningsCallout({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <section className="policy-warnings" aria-labelledby="policy-warnings-title" data-testid="policy-warnings">
      <Icon name="alerts" size={18} className="policy-warnings__icon" />
      <div className="policy-warnings__body">
        <h2 id="policy-warnings-title" className="policy-warnings__title">
          {warnings.length === 1 ? 'One thing to check' : `${warnings.length} things to check`}
        </h2>
        <ul className="policy-warnings__list">
          {warnings.map((warning) => (
            <li key={warning} data-testid="policy-warning">
              {warning}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
