import { hrefFor } from '../routing/hash-route.ts';
import { ViewHeader } from './view-header.tsx';

export function NotFoundView({ path }: { path: string }) {
  return (
    <div className="view" data-testid="view-not-found">
      <ViewHeader
        title="Not found"
        summary={
          <>
            There is no view called <code>{path}</code>. <a href={hrefFor('overview')}>Go to the overview</a>.
          </>
        }
      />
    </div>
  );
}
