import { describe, expect, it } from 'vitest';
import { hostMatches } from './host-match.ts';
import { checkRequestTarget } from './request-target.ts';

describe('checkRequestTarget', () => {
  it('accepts https with host and default port', () => {
    expect(checkRequestTarget('https://API.example.com/v1?q=1#frag')).toEqual({
      ok: true,
      target: { url: 'https://api.example.com/v1?q=1', hostname: 'api.example.com', port: 443, literal: false },
    });
  });

  it('reads ports and IP literals', () => {
    expect(checkRequestTarget('https://127.0.0.1:8443/x')).toMatchObject({ ok: true, target: { hostname: '127.0.0.1', port: 8443, literal: true } });
    expect(checkRequestTarget('https://[::1]:8443/')).toMatchObject({ ok: true, target: { hostname: '[::1]', port: 8443, literal: true } });
  });

  it.each([
    ['http://example.com/', /Only https/],
    ['ftp://example.com/', /Only https/],
    ['file:///etc/passwd', /Only https/],
    ['https://user:pw@example.com/', /user name or password/],
    ['not a url', /not a valid URL/],
    ['', /not a valid URL/],
  ])('refuses %s', (url, reason) => {
    const result = checkRequestTarget(url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('hostMatches', () => {
  it.each([
    ['api.example.com', 'api.example.com', 443, true],
    ['api.example.com', 'api.example.com', 8443, false],
    ['api.example.com:8443', 'api.example.com', 8443, true],
    ['api.example.com:8443', 'api.example.com', 443, false],
    ['api.example.com', 'evil-api.example.com', 443, false],
    ['api.example.com', 'api.example.com.evil.net', 443, false],
    ['*.example.com', 'a.example.com', 443, true],
    ['*.example.com', 'a.b.example.com', 443, true],
    ['*.example.com', 'example.com', 443, false],
    ['*.example.com', 'badexample.com', 443, false],
    ['127.0.0.1:8443', '127.0.0.1', 8443, true],
    ['127.0.0.1', '127.0.0.1', 8443, false],
    ['[::1]:8443', '[::1]', 8443, true],
    ['[::1]', '[::1]', 443, true],
  ] as const)('%s covers %s:%d → %s', (pattern, host, port, expected) => {
    expect(hostMatches(pattern, host, port)).toBe(expected);
  });
});
