import type { ReactNode } from 'react';
import './view-header.css';

export const viewTitleId = 'view-title';

/** A view's title (the page's one <h1>, focused after navigation) and its one-line summary. */
export function ViewHeader({ title, summary, status }: { title: string; summary: ReactNode; status?: ReactNode }) {
  return (
    <header className="view-header">
      <div className="view-header__row">
        <h1 id={viewTitleId} tabIndex={-1}>
          {title}
        </h1>
        {status}
      </div>
      <p className="view-header__summary">{summary}</p>
    </header>
  );
}
