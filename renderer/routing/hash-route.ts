import type { ViewId } from './views.ts';
import { isViewId } from './views.ts';

/** A parsed location hash: a known view, or a path nothing answers to. */
export type Route = { readonly view: ViewId } | { readonly view: null; readonly path: string };

/** `#/live` → live; an empty hash, `#` or `#/` → overview; anything else is not found. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/[/?].*$/, '');
  if (path === '') return { view: 'overview' };
  const id = decodeURIComponentSafe(path).toLowerCase();
  return isViewId(id) ? { view: id } : { view: null, path: id };
}

/** The link to a view; relative to the page, so it works under app:// and http alike. */
export const hrefFor = (view: ViewId): string => `#/${view}`;

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
