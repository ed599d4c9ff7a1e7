import { useMemo, useSyncExternalStore } from 'react';
import type { AuditFilters } from '../../data/audit-filters.ts';
import { auditHash, hashQuery, parseFilters, serializeFilters } from './filter-hash.ts';

const filtersChanged = 'warden:audit-filters';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener(filtersChanged, onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener(filtersChanged, onChange);
  };
}

const getQuery = () => hashQuery(window.location.hash);

/**
 * The Audit view's filters live in the location hash (`#/audit?q=…&status=…`), so a reload, a
 * bookmark or a link keeps them. Returns the filters and their canonical key.
 */
export function useAuditFilters(): { filters: AuditFilters; key: string } {
  const query = useSyncExternalStore(subscribe, getQuery);
  return useMemo(() => {
    const filters = parseFilters(query);
    return { filters, key: serializeFilters(filters) };
  }, [query]);
}

/** Replaces the hash (no history entry per keystroke) and tells the view. */
export function setAuditFilters(filters: AuditFilters): void {
  const next = auditHash(filters);
  if (window.location.hash === next) return;
  window.history.replaceState(window.history.state, '', next);
  window.dispatchEvent(new Event(filtersChanged));
}
