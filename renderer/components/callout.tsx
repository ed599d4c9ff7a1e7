import type { ReactNode } from 'react';
import { Icon } from './icons.tsx';
import './callout.css';

/**
 * Something to act on, set apart from the page: a warning icon beside a heading and what it is
 * about. The gap and the icon's offset are the caller's (its class), as they follow the icon size.
 */
export function Callout({
  title,
  titleId,
  iconSize,
  className,
  testId,
  children,
}: {
  title: ReactNode;
  /** The heading's id, which names the section. */
  titleId: string;
  iconSize: number;
  className: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <section className={`callout ${className}`} aria-labelledby={titleId} data-testid={testId}>
      <Icon name="alerts" size={iconSize} className="callout__icon" />
      <div className="callout__body">
        <h2 id={titleId} className="callout__title">
          {title}
        </h2>
        {children}
      </div>
    </section>
  );
}
