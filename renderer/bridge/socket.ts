/** What the WebSocket transport needs from a socket; a browser WebSocket or a fake in tests. */
export interface SocketHandlers {
  readonly open: () => void;
  readonly message: (data: unknown) => void;
  readonly close: (code: number, reason: string) => void;
}

export interface SocketLike {
  readonly send: (data: string) => void;
  readonly close: (code?: number, reason?: string) => void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketLike;

/** Adapts the browser's WebSocket. An `error` event is always followed by `close`, so only close counts. */
export const browserSocket: SocketFactory = (url, handlers) => {
  const ws = new WebSocket(url);
  ws.addEventListener('open', () => handlers.open());
  ws.addEventListener('message', (event) => handlers.message(event.data));
  ws.addEventListener('close', (event) => handlers.close(event.code, event.reason));
  return {
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
  };
};
