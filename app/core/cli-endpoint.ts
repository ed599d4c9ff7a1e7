import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { CliAccess, isProcessAlive } from './cli-access.ts';
import { LoginThrottle } from './login-throttle.ts';
import { isAllowedHost, isAllowedOrigin } from './origin-check.ts';
import type { Warden } from './warden.ts';
import { maxMessageBytes, refuseUpgrade, serveContract } from './ws-transport.ts';

export interface CliEndpoint {
  readonly port: number;
  /** Withdraws console.json and closes every CLI connection. */
  close(): Promise<void>;
}

/** Going away: the console is shutting down. */
const closingCode = 1001;

/**
 * The port through which `warden tool`, `warden agent` and `warden panic` reach a running console
 * (the desktop app or `warden serve`), so that a person can answer their approvals there. It serves
 * no HTTP content: only a WebSocket upgrade on /ws that names this loopback port in Host and
 * carries the bearer token of `console.json`, which it publishes once listening and withdraws on
 * close. Messages go through the same validated dispatcher as every other transport.
 */
export async function startCliEndpoint(warden: Warden, options: { throttle?: LoginThrottle } = {}): Promise<CliEndpoint> {
  // Owning the approval queue (an exclusive lock on approvals.db) is what makes this process the
  // one console of its data dir; a CLI-shell core has no queue and could answer no approval.
  if (warden.approvals === null) throw new Error('Only a console that owns the approval queue opens the CLI endpoint.');
  const access = new CliAccess(warden.config.dataDir);
  // Token guessing is as slow here as at the web console's login, and just as visible in the trail.
  const throttle = options.throttle ?? new LoginThrottle();
  let port = 0;

  const server = createServer((_req, res) => {
    res.writeHead(404, { 'Content-Length': '0', 'Cache-Control': 'no-store' });
    res.end();
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  server.on('upgrade', (req, socket, head) => {
    // Compared as text: parsing a request target such as `http://[` would throw in this listener.
    if ((req.url ?? '').split('?', 1)[0] !== '/ws') return refuseUpgrade(socket, '404 Not Found');
    if (!isAllowedHost(req.headers.host, port)) return refuseUpgrade(socket, '421 Misdirected Request');
    // Browsers always send Origin on a handshake, so a web page is refused before its token is
    // looked at; a command-line client may leave Origin out.
    if (!isAllowedOrigin(req.headers.origin, port, false)) return refuseUpgrade(socket, '403 Forbidden');
    if (throttle.retryAfterMs() > 0) {
      warden.record({ kind: 'auth', status: 'blocked', actor: 'unknown', interface: 'cli', summary: 'Command connection refused: too many failed attempts' });
      return refuseUpgrade(socket, '429 Too Many Requests');
    }
    const actor = access.check(req.headers.authorization, req.headers['x-warden-actor']);
    if (actor === undefined) {
      throttle.recordFailure();
      warden.record({ kind: 'auth', status: 'failure', actor: 'unknown', interface: 'cli', summary: 'Command connection refused: missing or wrong token (console.json)' });
      return refuseUpgrade(socket, '401 Unauthorized');
    }
    throttle.recordSuccess();
    wss.handleUpgrade(req, socket, head, (ws) => serveContract(ws, warden, { interface: 'cli', actor }, () => true));
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  const replaced = access.publish(port);
  // Two consoles cannot share a data dir (the approval queue is locked), so a file found here was
  // left by one that stopped without withdrawing it; replacing it is right, but said in the trail.
  if (replaced) {
    const state = isProcessAlive(replaced.pid) ? 'its pid now belongs to another process' : 'that process has stopped';
    warden.record({
      kind: 'lifecycle',
      status: 'success',
      actor: 'warden',
      summary: `Replaced a stale console.json left by pid ${replaced.pid} (${state}): warden commands now reach this console`,
      details: { previousPid: replaced.pid, port },
    });
  }

  return {
    port,
    close: async () => {
      access.withdraw();
      for (const client of wss.clients) client.close(closingCode, 'console stopping');
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
