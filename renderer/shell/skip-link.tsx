import type { RefObject } from 'react';
import './skip-link.css';

/** First stop for Tab: jumps past the navigation. Handled in script so the hash route is untouched. */
export function SkipLink({ target }: { target: RefObject<HTMLElement | null> }) {
  return (
    <a
      className="skip-link"
      href="#main"
      onClick={(event) => {
        event.preventDefault();
        target.current?.focus();
      }}
    >
      Skip to content
    </a>
  );
}
