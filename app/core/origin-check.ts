/**
 * DNS-rebinding and cross-site defences: a request is ours only if it names our loopback
 * address and port in Host, and, when a browser sends an Origin, that origin is ours too.
 */
export const loopbackHosts = ['127.0.0.1', 'localhost'] as const;

export function allowedHosts(port: number): Set<string> {
  return new Set(loopbackHosts.map((host) => `${host}:${port}`));
}

export function allowedOrigins(port: number): Set<string> {
  return new Set(loopbackHosts.map((host) => `http://${host}:${port}`));
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).has(host.toLowerCase());
}

/** A missing Origin is allowed only where `originRequired` is false (plain navigations, CLI clients). */
export function isAllowedOrigin(origin: string | undefined, port: number, originRequired: boolean): boolean {
  if (origin === undefined) return !originRequired;
  return allowedOrigins(port).has(origin.toLowerCase());
}

/** Only loopback addresses may be bound: the console is reached from elsewhere through an SSH tunnel. */
export function assertLoopbackBind(host: string): void {
  if (host !== '127.0.0.1') {
    throw new Error(
      `Refusing to listen on ${host}: the Warden console binds to 127.0.0.1 only. ` +
        'To reach it from another machine, use an SSH tunnel: ssh -L 7420:127.0.0.1:7420 user@agent-host',
    );
  }
}
