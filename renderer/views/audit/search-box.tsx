import { useEffect, useEffectEvent, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { AuditIcon } from './audit-icon.tsx';

export const searchDebounceMs = 250;

/**
 * The full-text box. What is typed is applied after a short pause (or at once on Enter); Escape
 * clears it; Arrow Down moves into the results. A change from outside (back button, a link) replaces
 * the text unless it is the value this box itself just applied.
 */
export function SearchBox({
  value,
  onCommit,
  onLeaveDown,
}: {
  value: string;
  onCommit: (text: string) => void;
  onLeaveDown: () => void;
}) {
  const [draft, setDraft] = useState(value);
  const [applied, setApplied] = useState(value);
  if (value !== applied) {
    setApplied(value);
    setDraft(value);
  }

  const commit = (text: string) => {
    setApplied(text);
    onCommit(text);
  };
  const commitLater = useEffectEvent((text: string) => commit(text));
  useEffect(() => {
    if (draft === applied) return;
    const timer = setTimeout(() => commitLater(draft), searchDebounceMs);
    return () => clearTimeout(timer);
  }, [draft, applied]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      if (draft !== applied) commit(draft);
    } else if (event.key === 'Escape' && draft !== '') {
      event.preventDefault();
      setDraft('');
      commit('');
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      onLeaveDown();
    }
  };

  return (
    <div className="audit-search">
      <AuditIcon name="search" className="audit-search__icon" />
      <label htmlFor="audit-search-input" className="visually-hidden">
        Search the audit trail
      </label>
      <input
        id="audit-search-input"
        className="audit-search__input"
        type="search"
        data-testid="audit-search"
        value={draft}
        maxLength={500}
        placeholder="Search events — word* matches a prefix"
        autoComplete="off"
        spellCheck={false}
        aria-describedby="audit-search-hint"
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <span id="audit-search-hint" className="visually-hidden">
        Every word must match. End a word with an asterisk to match words that start with it. Press Arrow Down to move
        to the results.
      </span>
    </div>
  );
}
