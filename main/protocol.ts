import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Session } from 'electron';
import { protocol } from 'electron';
import { contentSecurityPolicy } from '../app/core/csp.ts';
import { APP_SCHEME, isAppUrl } from './app-url.ts';

/**
 * Must run before the app is ready. `standard` gives the scheme real origins and relative URLs,
 * `secure` makes it a secure context; CSP is not bypassed, CORS and service workers stay off.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export const contentTypeOf = (file: string): string =>
  contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';

/** Headers on every answer, so even an error page runs under the CSP. */
function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

/**
 * Maps `app://warden/some/file` to a file inside `rootDir`, or null. The path is decoded first and
 * then resolved, so `..` hidden as `%2e%2e` or `%2f` cannot climb out of the directory.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = resolve(rootDir);
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file.startsWith(root + sep) ? file : null;
}

const notFound = (): Response =>
  new Response('Not found', {
    status: 404,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });

/** Answers one `app:` request from the built renderer; anything else is a 404, never a stack. */
export async function serveAppFile(rootDir: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', { status: 405, headers: securityHeaders() });
  }
  const file = resolveAppFile(rootDir, request.url);
  if (file === null) return notFound();
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    // Missing file, a directory, or unreadable: all look the same from outside.
    return notFound();
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...securityHeaders(), 'Content-Type': contentTypeOf(file) },
  });
}

/** Serves the renderer on the window's own session only; the default session knows no `app:`. */
export function handleAppProtocol(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, (request) => serveAppFile(rendererDir, request));
}
