import { isIP } from 'node:net';
import type { RequestTarget } from '../tools/prepared-call.ts';

export type TargetCheck = { readonly ok: true; readonly target: RequestTarget } | { readonly ok: false; readonly reason: string };

/** Parses an http_request URL: HTTPS only, no credentials in it, a host and a port. */
export function checkRequestTarget(raw: string): TargetCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `"${raw.slice(0, 200)}" is not a valid URL.` };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `Only https:// URLs are allowed (got ${url.protocol.replace(/:$/, '')}).` };
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'The URL carries a user name or password; put credentials in a declared secret, not in the URL.' };
  }
  const hostname = url.hostname.toLowerCase();
  if (hostname === '') return { ok: false, reason: 'The URL has no host.' };
  const bare = hostname.replace(/^\[|\]$/g, '');
  url.hash = '';
  return {
    ok: true,
    target: { url: url.toString(), hostname, port: url.port === '' ? 443 : Number(url.port), literal: isIP(bare) !== 0 },
  };
}
