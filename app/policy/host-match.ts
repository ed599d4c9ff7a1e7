/**
 * Whether a host pattern of the policy (`api.example.com`, `*.example.com`, `127.0.0.1:8443`,
 * `[::1]:8443`) covers a request's host and port. A name without a port means 443; `*.` covers
 * subdomains at any depth but not the domain itself, so the apex must be listed on its own.
 */
export function hostMatches(pattern: string, hostname: string, port: number): boolean {
  const portMatch = /^(.*?)(?::(\d+))?$/.exec(pattern);
  const host = portMatch?.[1] ?? pattern;
  const wantPort = portMatch?.[2] === undefined ? 443 : Number(portMatch[2]);
  if (wantPort !== port) return false;
  if (host.startsWith('*.')) return hostname.endsWith(host.slice(1)) && hostname.length > host.length - 1;
  return host === hostname;
}
