import type { CredentialShape, ShapeMatch } from './credential-shapes.ts';
import { credentialShapes, matchShape, mightContainShape } from './credential-shapes.ts';
import { encodedForms } from './encoded-forms.ts';
import { redactedPlaceholder, secretPlaceholder } from './placeholders.ts';

/**
 * The one redactor. Every string bound for the audit trail, a log, the renderer, the headless
 * WebSocket or the model goes through `redact` / `redactValue`:
 * - the exact value of every stored secret, and its encodings (see encoded-forms.ts), becomes
 *   `[secret:NAME]`;
 * - well-known credential shapes (credential-shapes.ts) become `[redacted:KIND]`.
 *
 * All values are matched by one alternation compiled once per change of the secret set (longest
 * spelling first, so a whole base64 string wins over its fragments), not one pass per secret.
 */
export interface Redactor {
  redact(text: string): string;
  /**
   * A JSON-shaped copy with every string (keys included) redacted: arrays and plain objects are
   * walked, `toJSON` is honoured, an Error becomes `{ name, message, stack }`, other objects are
   * read through their own enumerable properties, and a cycle becomes "[circular]".
   */
  redactValue(value: unknown): unknown;
  /** Where credentials are in `text`, for the plaintext scan; the matches carry no value. */
  findAll(text: string): CredentialMatch[];
}

export interface CredentialMatch {
  kind: string;
  /** The stored secret's name when the match is a known value, else null. */
  secret: string | null;
  index: number;
  length: number;
}

export interface NamedSecret {
  name: string;
  value: string;
}

/** The redactor plus the means to tell it about values; only the secret store holds this side. */
export interface SecretRedactor extends Redactor {
  /** Adds or replaces one secret's current value; earlier values of that secret stay redacted. */
  learn(name: string, value: string): void;
}

export const storedSecretKind = 'stored-secret';
const maxDepth = 64;

export function createRedactor(initial: Iterable<NamedSecret> = []): SecretRedactor {
  // Every value ever learned in this process, newest last: a rotated-away or removed value may
  // still be valid somewhere (it was rotated because it leaked) and may still show up in output.
  const known = new Map<string, string>();
  let byForm = new Map<string, string>();
  let valuesPattern: RegExp | null = null;

  const rebuild = (): void => {
    byForm = new Map();
    for (const [value, name] of known) {
      for (const form of encodedForms(value)) if (!byForm.has(form)) byForm.set(form, name);
    }
    const forms = [...byForm.keys()].sort((a, b) => b.length - a.length);
    valuesPattern = forms.length === 0 ? null : new RegExp(forms.map(escapeRegExp).join('|'), 'g');
  };

  const learn = (name: string, value: string): void => {
    if (known.get(value) === name) return;
    known.delete(value);
    known.set(value, name);
    rebuild();
  };
  for (const { name, value } of initial) {
    known.delete(value);
    known.set(value, name);
  }
  rebuild();

  const redact = (text: string): string => {
    let out = valuesPattern === null ? text : text.replace(valuesPattern, (form) => secretPlaceholder(byForm.get(form) ?? 'UNKNOWN'));
    if (!mightContainShape(out)) return out;
    for (const shape of credentialShapes) out = replaceShape(shape, out);
    return out;
  };

  const redactValue = (value: unknown): unknown => walk(value, redact, new WeakSet(), 0);

  const findAll = (text: string): CredentialMatch[] => {
    const matches: CredentialMatch[] = [];
    if (valuesPattern !== null) {
      for (const m of text.matchAll(valuesPattern)) {
        matches.push({ kind: storedSecretKind, secret: byForm.get(m[0]) ?? null, index: m.index, length: m[0].length });
      }
    }
    if (mightContainShape(text)) {
      for (const shape of credentialShapes) addUnlessOverlapping(matches, matchShape(shape, text));
    }
    return matches.sort((a, b) => a.index - b.index);
  };

  return { redact, redactValue, findAll, learn };
}

/** Adds shape matches that do not overlap one already found (a known value, or an earlier, wider shape). */
export function addUnlessOverlapping(matches: CredentialMatch[], found: Iterable<ShapeMatch>): void {
  for (const m of found) {
    const end = m.index + m.length;
    if (matches.some((other) => m.index < other.index + other.length && other.index < end)) continue;
    matches.push({ kind: m.kind, secret: null, index: m.index, length: m.length });
  }
}

function replaceShape(shape: CredentialShape, text: string): string {
  let out = '';
  let last = 0;
  for (const m of matchShape(shape, text)) {
    out += text.slice(last, m.index) + redactedPlaceholder(m.kind);
    last = m.index + m.length;
  }
  return last === 0 ? text : out + text.slice(last);
}

function walk(value: unknown, redact: (text: string) => string, seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value !== 'object' || value === null) return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  if (seen.has(value)) return '[circular]';
  if (depth >= maxDepth) return '[too deep]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => walk(item, redact, seen, depth + 1));
    if (value instanceof Error) {
      return { name: redact(value.name), message: redact(value.message), ...(value.stack === undefined ? {} : { stack: redact(value.stack) }) };
    }
    if ('toJSON' in value && typeof value.toJSON === 'function') {
      return walk((value.toJSON as () => unknown).call(value), redact, seen, depth + 1);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[redact(key)] = walk(item, redact, seen, depth + 1);
    return out;
  } finally {
    // A value seen twice on different branches is not a cycle.
    seen.delete(value);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
