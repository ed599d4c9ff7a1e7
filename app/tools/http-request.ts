import { lookup } from 'node:dns/promises';
import { request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { JsonObject } from '../contract/tools.ts';
import type { HttpRequestArgs } from './manifests.ts';
import type { RequestTarget } from './prepared-call.ts';
import { ToolError } from './safe-fs.ts';

/**
 * http_request runs in the core (the sandbox has no network). Policy has already checked the
 * scheme and that the host is allowlisted; this resolves the name once, refuses a name that
 * resolves into a private or local network (DNS rebinding, a planted /etc/hosts), connects to
 * exactly that address, follows no redirect, and bounds time and size.
 */

export interface HttpContext {
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
  /** Extra trusted CA certificates (PEM), e.g. a test server's self-signed one. */
  ca?: string;
  /** Name resolution; the system resolver unless a test says otherwise. */
  resolve?: (hostname: string) => Promise<string[]>;
}

const privateRanges = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) privateRanges.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) privateRanges.addSubnet(net, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return privateRanges.check(mapped[1] as string, 'ipv4');
  return privateRanges.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Request headers the tool sets itself; letting the model set them would smuggle requests. */
const reservedHeaders = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'te', 'trailer', 'proxy-authorization']);
/** Response headers worth showing; cookies and the like stay out of the model's context. */
const shownHeaders = ['content-type', 'content-length', 'location', 'date', 'etag', 'last-modified', 'cache-control', 'retry-after'];

async function systemResolve(hostname: string): Promise<string[]> {
  return (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);
}

function pickHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of shownHeaders) {
    const value = headers[name];
    if (value !== undefined) out[name] = (Array.isArray(value) ? value.join(', ') : value).slice(0, 1000);
  }
  return out;
}

export async function performHttpRequest(args: HttpRequestArgs, target: RequestTarget, context: HttpContext): Promise<JsonObject> {
  for (const name of Object.keys(args.headers)) {
    if (reservedHeaders.has(name.toLowerCase())) throw new ToolError(`The ${name} header is set by Warden itself; leave it out.`);
  }
  const bareHost = target.hostname.replace(/^\[|\]$/g, '');
  let address = bareHost;
  if (!target.literal) {
    let addresses: string[];
    try {
      addresses = await (context.resolve ?? systemResolve)(bareHost);
    } catch {
      throw new ToolError(`Could not resolve ${target.hostname}.`);
    }
    const bad = addresses.find(isPrivateAddress);
    if (addresses.length === 0 || bad !== undefined) {
      throw new ToolError(`${target.hostname} resolves to ${bad ?? 'no address'}, a private or local address; Warden only lets an allowlisted name reach public addresses (allowlist the IP itself to reach a local service).`);
    }
    address = addresses[0] as string;
  }
  const url = new URL(target.url);
  const started = Date.now();
  return new Promise<JsonObject>((resolve, reject) => {
    const req = request(
      {
        host: address,
        port: target.port,
        path: `${url.pathname}${url.search}`,
        method: args.method,
        headers: { ...args.headers, host: url.host },
        ...(target.literal ? {} : { servername: bareHost }),
        ...(context.ca === undefined ? {} : { ca: context.ca }),
        agent: false,
        timeout: context.timeoutMs,
        ...(context.signal === undefined ? {} : { signal: context.signal }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        let total = 0;
        res.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (kept < context.maxBytes) {
            const part = chunk.subarray(0, context.maxBytes - kept);
            chunks.push(part);
            kept += part.length;
          }
          // Past the limit there is nothing left to keep: stop downloading.
          if (total > context.maxBytes) res.destroy();
        });
        const finish = (): void => {
          clearTimeout(wall);
          const body = Buffer.concat(chunks);
          const binary = body.subarray(0, 8192).includes(0);
          resolve({
            url: target.url,
            status: res.statusCode ?? 0,
            headers: pickHeaders(res.headers),
            body: binary ? '' : body.toString('utf8'),
            binary,
            bytes: total,
            truncated: total > context.maxBytes,
            durationMs: Date.now() - started,
          });
        };
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', () => finish());
      },
    );
    // `timeout` above is for an idle socket; this bounds the whole exchange.
    const wall = setTimeout(() => req.destroy(new ToolError(`The request to ${target.hostname} took longer than ${context.timeoutMs} ms and was stopped.`)), context.timeoutMs);
    req.on('timeout', () => req.destroy(new ToolError(`${target.hostname} did not answer within ${context.timeoutMs} ms.`)));
    req.on('error', (error) => {
      clearTimeout(wall);
      reject(error instanceof ToolError ? error : new ToolError(`The request to ${target.hostname} failed: ${error.message}`));
    });
    if (args.body !== undefined) req.write(args.body);
    req.end();
  });
}
