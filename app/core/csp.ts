/**
 * The one Content-Security-Policy of the console, for the Electron window and the web console
 * alike: only the app's own scripts and styles, no inline code, no plugins, no framing.
 * `connect` adds the WebSocket origin the web console talks to.
 */
export function contentSecurityPolicy(connect: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connect].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
