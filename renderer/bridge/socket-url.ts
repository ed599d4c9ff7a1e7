/** The console's WebSocket lives on the page's own origin at `/ws`; `wss` when the page is https. */
export function socketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
