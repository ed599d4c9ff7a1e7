/**
 * Well-known credential formats, recognised without knowing the value. Each pattern may mark the
 * credential itself with the named group `v`; the text around it (a header name, a URL's user) stays.
 *
 * Deliberately not here: generic "high-entropy string" detection. Git SHAs, UUIDs, content hashes
 * and request ids look exactly like that, are needed to debug anything, and are not credentials;
 * redacting them would make the audit trail useless. Old-style 40-hex GitHub tokens (before the
 * `ghp_` prefixes) are indistinguishable from a SHA-1 and are left to exact-value redaction.
 */
export interface CredentialShape {
  readonly kind: string;
  /** Global, with indices (`gd`), so the `v` group's position is known. */
  readonly pattern: RegExp;
}

const token68 = '[A-Za-z0-9._~+/-]+=*';

/** In the order the redactor applies them: wider contexts (a header, a key block) before bare tokens. */
export const credentialShapes: readonly CredentialShape[] = [
  {
    kind: 'private-key',
    // An unterminated block (truncated output) is redacted to the end of the text.
    pattern: /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/dg,
  },
  {
    kind: 'bearer-token',
    // `\"` is accepted around the colon: a header in JSON that is itself inside a JSON string.
    // Repetitions are bounded throughout so that no input makes a pattern backtrack for long.
    pattern: new RegExp(`\\b(?:proxy-)?authorization\\\\?["']?[ \\t]{0,10}[:=][ \\t]{0,10}\\\\?["']?[ \\t]{0,10}(?:bearer|token)[ \\t]{1,10}(?<v>${token68})`, 'dgi'),
  },
  {
    kind: 'basic-auth',
    pattern: /\b(?:proxy-)?authorization\\?["']?[ \t]{0,10}[:=][ \t]{0,10}\\?["']?[ \t]{0,10}basic[ \t]{1,10}(?<v>[A-Za-z0-9+/]+=*)/dgi,
  },
  {
    kind: 'aws-secret-access-key',
    pattern: /\baws_?secret_?access_?key["']?[ \t]{0,10}[:=][ \t]{0,10}["']?(?<v>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/dgi,
  },
  {
    kind: 'url-password',
    pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/?#:@"'<>[\]]{1,256}:(?<v>[^\s/?#@"'<>[\]]{1,256})(?=@)/dgi,
  },
  {
    kind: 'jwt',
    // Header and payload are base64url JSON objects, so both start with "eyJ" (`{"`).
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/dg,
  },
  {
    kind: 'github-token',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,242})\b/dg,
  },
  { kind: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,250}/dg },
  { kind: 'aws-access-key-id', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/dg },
  {
    kind: 'api-key',
    // OpenAI / Anthropic style `sk-…`; the digit requirement keeps words like "sk-learn-…" out.
    pattern: /\bsk-(?=[A-Za-z0-9_-]{0,300}[0-9])(?:proj-|ant-)?[A-Za-z0-9_-]{20,300}/dg,
  },
  {
    kind: 'bearer-token',
    // A bare "Bearer x" outside a header: long and with a digit, so prose ("bearer of news") stays.
    pattern: /\b[Bb]earer\s{1,10}(?<v>(?=[A-Za-z0-9._~+/-]{0,2000}[0-9])[A-Za-z0-9._~+/-]{20,}=*)/dg,
  },
];

/**
 * `NAME_TOKEN=value` lines, as in `.env` files. Only the plaintext scan uses it: in tool output it
 * would be too eager (`page_token=cursor42xyz` is a pagination cursor), but a file on disk holding
 * such a line deserves a look.
 * The value needs 8+ characters with a letter and a digit, and not a `$VAR`/`<placeholder>`.
 */
export const assignmentShape: CredentialShape = {
  kind: 'assigned-credential',
  pattern:
    /(?:^|[\s;'"`{,])(?:export\s+)?[A-Za-z0-9_]{0,40}(?:secret|token(?!iz)|passw(?:or)?d|api_?key|private_?key|access_?key|credentials?)[A-Za-z0-9_]{0,40}["']?[ \t]{0,10}[:=][ \t]{0,10}["']?(?<v>(?=[^\s"'#]{0,500}[0-9])(?=[^\s"'#]{0,500}[A-Za-z])[^\s"'#$<>{}[\]]{8,500})/dgim,
};

// One cheap pass that every shape needs to match first; most strings stop here.
const trigger = /-----BEGIN|authorization|aws_?secret|:\/\/|eyJ|gh[pousr]_|github_pat_|xox[abposr]-|AKIA|ASIA|sk-|bearer/i;

export function mightContainShape(text: string): boolean {
  return trigger.test(text);
}

export interface ShapeMatch {
  kind: string;
  index: number;
  length: number;
}

/** Every occurrence of one shape, positioned on its credential part. */
export function* matchShape(shape: CredentialShape, text: string): Generator<ShapeMatch> {
  for (const match of text.matchAll(shape.pattern)) {
    const span = match.indices?.groups?.['v'];
    if (span !== undefined) yield { kind: shape.kind, index: span[0], length: span[1] - span[0] };
    else yield { kind: shape.kind, index: match.index, length: match[0].length };
  }
}
