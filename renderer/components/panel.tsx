import type { ReactNode } from 'react';
import { useId } from 'react';
import './panel.css';

/** A bordered section with a heading; `aside` goes to the right of the heading. */
export function Panel({
  title,
  aside,
  children,
  className,
  testId,
}: {
  title: string;
  aside?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  const id = useId();
  return (
    <section className={className === undefined ? 'panel' : `panel ${className}`} aria-labelledby={id} data-testid={testId}>
      <header className="panel__header">
        <h2 className="panel__title" id={id}>
          {title}
        </h2>
        {aside !== undefined && <div className="panel__aside">{aside}</div>}
      </header>
      <div className="panel__body">{children}</div>
    </section>
  );
}
