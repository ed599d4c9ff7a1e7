import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { alignedFragment } from './encoded-forms.ts';
import { createRedactor } from './redactor.ts';

// Test values are random per run, so a failing assertion can only ever print test data.
const value = `v4l-${randomBytes(15).toString('base64url')}!`;
const redactor = (): ReturnType<typeof createRedactor> => createRedactor([{ name: 'API_TOKEN', value }]);

describe('stored values', () => {
  const bytes = Buffer.from(value);
  it.each([
    ['as is', value],
    ['JSON-escaped', JSON.stringify(`a"b\n${value}`).slice(1, -1)],
    ['URL-encoded', encodeURIComponent(value)],
    ['form-encoded', new URLSearchParams({ q: value }).toString().slice(2)],
    ['hex', bytes.toString('hex')],
    ['HEX', bytes.toString('hex').toUpperCase()],
    ['base64', bytes.toString('base64')],
    ['base64url', bytes.toString('base64url')],
  ])('replaces the value %s', (_, form) => {
    const out = redactor().redact(`before ${form} after`);
    expect(out).toContain('[secret:API_TOKEN]');
    expect(out).not.toContain(form.includes(value) ? value : form);
    expect(out.startsWith('before ')).toBe(true);
  });

  it.each([0, 1, 2, 3, 4, 5])('finds the value base64-encoded inside a larger blob at byte offset %i', (offset) => {
    const blob = Buffer.concat([randomBytes(offset + 30), bytes, randomBytes(17)]);
    for (const encoding of ['base64', 'base64url'] as const) {
      const out = redactor().redact(blob.toString(encoding));
      const fragment = alignedFragment(bytes, (offset + 30) % 3);
      expect(blob.toString('base64')).toContain(fragment);
      expect(out).toContain('[secret:API_TOKEN]');
      expect(out).not.toContain(encoding === 'base64' ? fragment : fragment.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  });

  it('matches many secrets in one pass and names each', () => {
    const secrets = Array.from({ length: 300 }, (_, i) => ({ name: `S_${i}`, value: `${randomBytes(12).toString('hex')}-${i}` }));
    const r = createRedactor(secrets);
    const text = `${'lorem ipsum dolor sit amet '.repeat(20_000)}${secrets[123]?.value ?? ''} ${Buffer.from(secrets[7]?.value ?? '').toString('base64')}`;
    const started = performance.now();
    const out = r.redact(text);
    const elapsed = performance.now() - started;
    expect(out.endsWith('[secret:S_123] [secret:S_7]')).toBe(true);
    // ~540 KB against 300 secrets × ~12 spellings; generous bound, it takes a few tens of ms.
    expect(elapsed).toBeLessThan(2000);
  });

  it('keeps redacting a value after it was rotated away', () => {
    const r = redactor();
    const next = `n3w-${randomBytes(15).toString('base64url')}`;
    r.learn('API_TOKEN', next);
    expect(r.redact(`${value} ${next}`)).toBe('[secret:API_TOKEN] [secret:API_TOKEN]');
  });

  it('prefers the longest spelling, so a whole base64 string is replaced and not just its middle', () => {
    const b64 = Buffer.from(value).toString('base64');
    expect(redactor().redact(`x${b64}y`)).toBe('x[secret:API_TOKEN]y');
  });
});

describe('credential shapes', () => {
  const ghp = `ghp_${randomBytes(27).toString('base64url').replace(/[-_]/g, 'x').slice(0, 36)}`;
  it.each([
    ['PEM private key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----', '[redacted:private-key]'],
    ['truncated PEM key', 'key: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg', 'key: [redacted:private-key]'],
    ['PGP private key block', '-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----', '[redacted:private-key]'],
    ['AWS access key id', 'id AKIAIOSFODNN7EXAMPLE.', 'id [redacted:aws-access-key-id].'],
    ['AWS session key id', 'ASIAY34FZKBOKMUTVV7A', '[redacted:aws-access-key-id]'],
    ['AWS secret key', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key = [redacted:aws-secret-access-key]'],
    ['GitHub classic token', `token ${ghp}`, 'token [redacted:github-token]'],
    ['GitHub OAuth token', `gho_${'A1'.repeat(18)}`, '[redacted:github-token]'],
    ['GitHub fine-grained token', `github_pat_11ABCDEFG0${'x'.repeat(72)}`, '[redacted:github-token]'],
    ['Slack bot token', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp', '[redacted:slack-token]'],
    ['Slack user token', 'xoxp-1234-5678-9012-abcdef1234', '[redacted:slack-token]'],
    [
      'JWT',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      '[redacted:jwt]',
    ],
    ['Authorization: Bearer', 'Authorization: Bearer abc.DEF_123-x', 'Authorization: Bearer [redacted:bearer-token]'],
    ['authorization in JSON', '{"authorization": "bearer t0k3n"}', '{"authorization": "bearer [redacted:bearer-token]"}'],
    ['Authorization: Basic', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'Authorization: Basic [redacted:basic-auth]'],
    ['Proxy-Authorization', 'proxy-authorization: Basic dXNlcjpw', 'proxy-authorization: Basic [redacted:basic-auth]'],
    ['bare Bearer token', 'sent Bearer 9f8e7d6c5b4a39281706abcdef', 'sent Bearer [redacted:bearer-token]'],
    ['URL password', 'https://deploy:hunter2hunter2@git.example.com/repo.git', 'https://deploy:[redacted:url-password]@git.example.com/repo.git'],
    ['sk- API key', 'OPENAI_API_KEY=sk-proj-Abc123Def456Ghi789Jkl0', 'OPENAI_API_KEY=[redacted:api-key]'],
  ])('%s', (_, input, expected) => {
    expect(createRedactor().redact(input)).toBe(expected);
  });

  it('finds a header inside JSON inside a JSON string', () => {
    const nested = JSON.stringify({ log: JSON.stringify({ headers: { Authorization: 'Bearer abc123' } }) });
    expect(createRedactor().redact(nested)).toBe(nested.replace('abc123', '[redacted:bearer-token]'));
  });

  it('leaves a stored value\'s placeholder alone inside a header', () => {
    expect(redactor().redact(`Authorization: Bearer ${value}`)).toBe('Authorization: Bearer [secret:API_TOKEN]');
  });
});

describe('no false positives on ordinary text', () => {
  // Decided: identifiers that look random but are not credentials stay readable (see credential-shapes.ts).
  it.each([
    ['a UUID', '550e8400-e29b-41d4-a716-446655440000'],
    ['a git SHA-1', 'commit 9fceb02d0ae598e95dc970b74767f19372d61af8'],
    ['a short SHA', 'fixed in 9fceb02'],
    ['a SHA-256', 'sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'],
    ['an integrity hash', 'sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=='],
    ['prose about bearers and authorization', 'The bearer of this note asked about Basic usage; authorization failed twice.'],
    ['a URL with a port and no password', 'http://localhost:8080/path?x=1 and ssh://git@github.com/org/repo'],
    ['an email address', 'write to ops@example.com'],
    ['an AKIA-like word that is too short', 'AKIA123'],
    ['scikit-learn', 'pip install sk-learn-intro-tutorials-now'],
    ['base64 of ordinary data', Buffer.from('just some ordinary configuration text, nothing secret').toString('base64')],
    ['a placeholder already in text', 'token: [secret:API_TOKEN] and [redacted:jwt]'],
    ["SQLite's FTS5 tokenizer setting (inside every audit store)", "CREATE VIRTUAL TABLE fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')"],
  ])('%s', (_, text) => {
    expect(redactor().redact(text)).toBe(text);
  });
});

describe('redactValue', () => {
  it('walks objects and arrays, keys included, without changing the input', () => {
    const input = {
      args: { url: `https://x.test/?key=${encodeURIComponent(value)}`, list: [1, true, null, `Bearer ${value}`] },
      [value]: 'key was the secret',
      nested: { deeper: { jwt: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.' } },
      when: new Date('2026-01-01T00:00:00.000Z'),
    };
    const snapshot = JSON.stringify(input);
    expect(redactor().redactValue(input)).toEqual({
      args: { url: 'https://x.test/?key=[secret:API_TOKEN]', list: [1, true, null, 'Bearer [secret:API_TOKEN]'] },
      '[secret:API_TOKEN]': 'key was the secret',
      nested: { deeper: { jwt: '[redacted:jwt]' } },
      when: '2026-01-01T00:00:00.000Z',
    });
    expect(JSON.stringify(input)).toBe(snapshot);
  });

  it('turns errors into plain redacted objects and cycles into a marker', () => {
    const error = new Error(`login failed with ${value}`);
    const cyclic: Record<string, unknown> = { error };
    cyclic['self'] = cyclic;
    const out = redactor().redactValue(cyclic) as Record<string, { message?: string; stack?: string } | string>;
    expect(out['self']).toBe('[circular]');
    expect(JSON.stringify(out)).not.toContain(value);
    expect(out['error']).toMatchObject({ name: 'Error', message: 'login failed with [secret:API_TOKEN]' });
  });

  it('keeps a value shared by two branches (not a cycle)', () => {
    const shared = { token: value };
    expect(redactor().redactValue({ a: shared, b: shared })).toEqual({ a: { token: '[secret:API_TOKEN]' }, b: { token: '[secret:API_TOKEN]' } });
  });
});

describe('findAll', () => {
  it('positions stored values and shapes without overlap', () => {
    const text = `x=${value}\nAKIAIOSFODNN7EXAMPLE`;
    const found = redactor().findAll(text);
    expect(found.map((m) => [m.kind, m.secret, text.slice(m.index, m.index + m.length) === value])).toEqual([
      ['stored-secret', 'API_TOKEN', true],
      ['aws-access-key-id', null, false],
    ]);
  });

  it('reports a stored value that also has a known shape once, as the stored secret', () => {
    const token = `ghp_${'Z9'.repeat(18)}`;
    const found = createRedactor([{ name: 'GH', value: token }]).findAll(`t ${token}`);
    expect(found).toEqual([{ kind: 'stored-secret', secret: 'GH', index: 2, length: token.length }]);
  });
});

describe('hostile input', () => {
  it.each([
    ['repeated sk- prefixes', 'sk-'.repeat(100_000)],
    ['a long URL without @', `https://${'a'.repeat(100_000)}:${'b'.repeat(100_000)}`],
    ['spaces after a header name', `authorization:${' '.repeat(100_000)}x`],
    ['repeated Bearer words', 'Bearer '.repeat(50_000)],
    ['an endless JWT-like run', `eyJ${'a'.repeat(200_000)}`],
    ['many unterminated key headers', '-----BEGIN PRIVATE KEY-----'.repeat(10_000)],
  ])('%s: redacts in linear time', (_, text) => {
    const started = performance.now();
    createRedactor([{ name: 'X_TOKEN', value: 'abcdefgh1234' }]).redact(text);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
