import { Callout } from '../../components/callout.tsx';
import './warnings-callout.css';

/** What the core flags as allowed but probably not meant (an interpreter on the allowlist, a tool with nothing to use). */
export function WarningsCallout({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <Callout
      title={warnings.length === 1 ? 'One thing to check' : `${warnings.length} things to check`}
      titleId="policy-warnings-title"
      iconSize={18}
      className="policy-warnings"
      testId="policy-warnings"
    >
      <ul className="policy-warnings__list">
        {warnings.map((warning) => (
          <li key={warning} data-testid="policy-warning">
            {warning}
          </li>
        ))}
      </ul>
    </Callout>
  );
}
