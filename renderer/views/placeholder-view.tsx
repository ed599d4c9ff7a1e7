import { Badge } from '../components/badge.tsx';
import { Icon } from '../components/icons.tsx';
import { InlineCode } from '../components/inline-code.tsx';
import type { ViewDef } from '../routing/views.ts';
import type { PlaceholderContent } from './placeholder-content.ts';
import { ViewHeader } from './view-header.tsx';
import './placeholder-view.css';

/** A view whose capability is not built yet: says what will be here and what delivers it. */
export function PlaceholderView({ view, content }: { view: ViewDef; content: PlaceholderContent }) {
  return (
    <div className="view" data-testid={`view-${view.id}`} data-available="false">
      <ViewHeader
        title={view.title}
        summary={content.summary}
        status={
          <Badge tone="neutral" testId="availability-badge">
            Not available yet
          </Badge>
        }
      />
      <section className="placeholder" aria-labelledby="placeholder-heading">
        <div className="placeholder__notice">
          <Icon name="info" />
          <p>
            This view is a placeholder. Nothing on this page is working yet; it describes what the view will do once
            its capability is built.
          </p>
        </div>
        <h2 id="placeholder-heading" className="placeholder__heading">
          What will be here
        </h2>
        <ul className="placeholder__list">
          {content.planned.map((line) => (
            <li key={line}>
              <InlineCode text={line} />
            </li>
          ))}
        </ul>
        <h2 className="placeholder__heading">Delivered by</h2>
        <p className="placeholder__capability">{content.capability}</p>
        <p className="placeholder__modules">
          <span className="visually-hidden">Code: </span>
          {content.modules.map((module) => (
            <code key={module}>{module}</code>
          ))}
        </p>
      </section>
    </div>
  );
}
