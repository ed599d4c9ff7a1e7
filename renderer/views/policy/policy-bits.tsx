import type { ReactNode } from 'react';
import type { RiskClass, Verdict } from '../../../app/contract/index.ts';
import { Badge } from '../../components/badge.tsx';
import { riskViews, verdictViews } from './policy-words.ts';

/** A tool's risk class in its colour; what the class means is in the tooltip and for screen readers. */
export function RiskBadge({ risk }: { risk: RiskClass }) {
  const view = riskViews[risk];
  return (
    <span className="policy-badge" title={view.explanation}>
      <Badge tone={view.tone}>{view.label}</Badge>
      <span className="visually-hidden">: {view.explanation}</span>
    </span>
  );
}

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const view = verdictViews[verdict];
  return (
    <span className="policy-badge" title={view.explanation}>
      <Badge tone={view.tone}>{view.label}</Badge>
    </span>
  );
}

/** A small access tag beside a path: read-write, read-only, HTTPS. */
export function Tag({ children, tone = 'neutral' }: { children: ReactNode; tone?: 'neutral' | 'write' }) {
  return <span className={`policy-tag policy-tag--${tone}`}>{children}</span>;
}

/** A path, program or host in the mono face; long ones wrap anywhere. */
export function Mono({ children, testId }: { children: string; testId?: string }) {
  return (
    <span className="policy-mono" data-testid={testId}>
      {children}
    </span>
  );
}
