import { Badge } from '../components/badge.tsx';
import { Panel } from '../components/panel.tsx';
import { hrefFor } from '../routing/hash-route.ts';
import { views } from '../routing/views.ts';
import { placeholders } from './placeholder-content.ts';

/** Which parts of the console work in this build, and which are still to come. */
export function CapabilitiesPanel() {
  const planned = views.filter((view) => view.id !== 'overview');
  const available = planned.filter((view) => view.available).length;
  return (
    <Panel
      title="Capabilities"
      testId="capabilities"
      aside={<span>{`${available} of ${planned.length} available in this build`}</span>}
    >
      <ul className="capabilities">
        {planned.map((view) => {
          if (view.id === 'overview') return null;
          const content = placeholders[view.id];
          return (
            <li key={view.id} className="capabilities__row">
              <a href={hrefFor(view.id)} className="capabilities__name">
                {view.title}
              </a>
              <span className="capabilities__summary">{content.summary}</span>
              {view.available ? <Badge tone="ok">Available</Badge> : <Badge tone="neutral">Not available yet</Badge>}
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}
