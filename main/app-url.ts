/**
 * The one origin the window's own code is served from. A custom scheme rather than file://
 * (no ambient file access) or a dev server (nothing listening on a port).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'warden';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * True for `app://warden/...` only. `URL.origin` is "null" for custom schemes, so the parts are
 * compared one by one; credentials or a port would make it a different origin.
 */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host === APP_HOST &&
    url.username === '' &&
    url.password === ''
  );
}
