import { request } from 'node:http';
import { WebSocket } from 'ws';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP GET with full control of Host/Origin/Cookie (fetch forbids setting Host). */
export function httpGet(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket with the given headers; resolves with the socket or the refusal status. */
export function openSocket(port: number, headers: Record<string, string>): Promise<{ socket?: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers });
    socket.once('open', () => {
      // A socket the server closes at once (no session) reports its close code as the refusal.
      const early = (code: number) => resolve({ status: code });
      socket.once('close', early);
      setTimeout(() => {
        socket.off('close', early);
        resolve({ socket });
      }, 50);
    });
    socket.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    socket.once('error', () => resolve({ status: -1 }));
  });
}

/** Sends one request over an open socket and waits for its response. */
export function callOverSocket(socket: WebSocket, id: number, name: string, input: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; id?: number; result?: unknown };
      if (message.type === 'response' && message.id === id) {
        socket.off('message', onMessage);
        resolve(message.result);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'request', id, name, input }));
  });
}
