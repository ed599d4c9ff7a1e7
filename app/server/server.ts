import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import type { Warden } from '../core/index.ts';
import {
  assertLoopbackBind,
  closeCodes,
  contentSecurityPolicy,
  isAllowedHost,
  isAllowedOrigin,
  LoginThrottle,
  maxMessageBytes,
  refuseUpgrade,
  serveContract,
} from '../core/index.ts';
import { LoginTokens } from './login-tokens.ts';
import { Sessions, parseCookies } from './sessions.ts';
import { readStaticFile } from './static-files.ts';

export interface ServerOptions {
  warden: Warden;
  /** Built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
  host?: string;
  throttle?: LoginThrottle;
  sessions?: Sessions;
  /** Told whenever a login link is issued (at start and after each use). */
  onLoginUrl?: (url: string) => void;
}

export interface RunningServer {
  readonly port: number;
  readonly origin: string;
  /** The one-time login URL that is valid right now. */
  loginUrl(): string;
  readonly tokenFile: string;
  close(): Promise<void>;
}

/** The headless console: the built renderer and the contract over a WebSocket, on loopback only. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  assertLoopbackBind(host);
  const { warden, rendererDir } = options;
  const throttle = options.throttle ?? new LoginThrottle();
  const sessions = options.sessions ?? new Sessions();
  const tokens = new LoginTokens(warden.config.dataDir);
  let port = 0;
  const cookieName = () => `warden_session_${port}`;
  const origin = () => `http://127.0.0.1:${port}`;
  const loginUrl = () => `${origin()}/login?token=${tokens.current}`;

  const sessionOf = (req: IncomingMessage) => sessions.touch(parseCookies(req.headers.cookie).get(cookieName()));

  const securityHeaders = (res: ServerResponse) => {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'no-store');
  };

  const page = (res: ServerResponse, status: number, title: string, text: string, extra: Record<string, string> = {}) => {
    for (const [key, value] of Object.entries(extra)) res.setHeader(key, value);
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Warden · ${title}</title></head>` +
        `<body><h1>${title}</h1><p>${text}</p></body></html>`,
    );
  };

  const login = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const wait = throttle.retryAfterMs();
    if (wait > 0) {
      warden.record({ kind: 'auth', status: 'blocked', actor: 'unknown', interface: 'web', summary: 'Console login refused: too many failed attempts' });
      page(res, 429, 'Too many attempts', 'Too many failed logins. Wait a moment, then use the newest link printed by <code>warden serve</code>.', {
        'Retry-After': String(Math.ceil(wait / 1000)),
      });
      return;
    }
    const token = url.searchParams.get('token') ?? '';
    if (!tokens.consume(token)) {
      throttle.recordFailure();
      warden.record({ kind: 'auth', status: 'failure', actor: 'unknown', interface: 'web', summary: 'Console login failed: wrong or used login link' });
      page(res, 401, 'Login link not valid', 'This login link is wrong or was already used. Each link works once: use the newest link printed by <code>warden serve</code>, or read the token file in the data directory.');
      return;
    }
    throttle.recordSuccess();
    const session = sessions.create();
    warden.record({ kind: 'auth', status: 'success', actor: session.label, interface: 'web', summary: `Console login: ${session.label}` });
    options.onLoginUrl?.(loginUrl());
    res.setHeader(
      'Set-Cookie',
      `${cookieName()}=${session.id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${sessions.maxAgeSeconds}`,
    );
    res.writeHead(303, { Location: '/' });
    res.end();
  };

  const server = createServer((req, res) => {
    securityHeaders(res);
    if (!isAllowedHost(req.headers.host, port)) {
      page(res, 421, 'Wrong host', 'This console answers only to 127.0.0.1 or localhost on its own port.');
      return;
    }
    // Only GET/HEAD exist over HTTP; anything a browser sends cross-site must name our origin.
    if (!isAllowedOrigin(req.headers.origin, port, false)) {
      page(res, 403, 'Cross-origin request refused', 'Requests from other sites are refused.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      page(res, 405, 'Method not allowed', 'The console talks over its WebSocket.', { Allow: 'GET, HEAD' });
      return;
    }
    // URL.parse, not new URL: a request target such as `http://[` must not throw in this listener.
    const url = URL.parse(req.url ?? '/', origin());
    if (url === null) {
      page(res, 400, 'Bad request', 'That address cannot be read.');
      return;
    }
    if (url.pathname === '/login') {
      login(req, res, url);
      return;
    }
    if (!sessionOf(req)) {
      page(res, 401, 'Log in to Warden', 'Open the login link that <code>warden serve</code> printed in its terminal. Each link works once.');
      return;
    }
    const exportName = /^\/exports\/(audit-[\w-]+\.(?:jsonl|csv))$/.exec(url.pathname)?.[1];
    const served = exportName
      ? readStaticFile(join(warden.config.dataDir, 'exports'), `/${exportName}`).then((file) => {
          // Downloads, never rendered: an exported cell must not become markup in our origin.
          if (file) res.setHeader('Content-Disposition', `attachment; filename="${exportName}"`);
          return file && { ...file, contentType: 'application/octet-stream' };
        })
      : readStaticFile(rendererDir, url.pathname);
    void served.then((file) => {
      if (!file) {
        page(res, 404, 'Not found', 'There is nothing at this address.');
        return;
      }
      res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.body.length });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  // Only the web console's own page: `warden` commands reach this console through the CLI
  // endpoint (app/core/cli-endpoint.ts), which `warden serve` opens beside this server.
  server.on('upgrade', (req, socket, head) => {
    if (URL.parse(req.url ?? '/', origin())?.pathname !== '/ws') return refuseUpgrade(socket, '404 Not Found');
    if (!isAllowedHost(req.headers.host, port)) return refuseUpgrade(socket, '421 Misdirected Request');
    // Browsers always send Origin on a WebSocket handshake; a missing or foreign one is refused.
    if (!isAllowedOrigin(req.headers.origin, port, true)) return refuseUpgrade(socket, '403 Forbidden');
    const session = sessionOf(req);
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Our own page without a session: a close code it can read ("log in again"); an HTTP 401 reaches
      // the page only as an anonymous failure. Nothing is dispatched or pushed on such a socket.
      if (!session) return ws.close(closeCodes.unauthorized, 'log in with the link printed by warden serve');
      serveContract(ws, warden, { interface: 'web', actor: session.label }, () => sessions.touch(session.id) !== undefined);
    });
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  options.onLoginUrl?.(loginUrl());

  return {
    port,
    origin: origin(),
    loginUrl,
    tokenFile: tokens.file,
    close: async () => {
      for (const client of wss.clients) client.close(closeCodes.unauthorized, 'server stopping');
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
