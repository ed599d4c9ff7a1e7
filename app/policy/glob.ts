/**
 * Path globs as policy rules write them, compiled to anchored regular expressions over canonical
 * absolute paths. `*` and `?` never cross a `/`; `**` as a whole segment spans any number of
 * segments, including none (`src/**` matches `src` itself). No braces or classes: a rule that
 * needs alternatives lists several patterns.
 */

const escapeChar = (c: string): string => (/[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c);
const escapeText = (text: string): string => [...text].map(escapeChar).join('');

function translate(pattern: string): string {
  let re = '';
  let i = 0;
  while (i < pattern.length) {
    if (pattern.startsWith('/**/', i)) {
      re += '(?:/|/.*/)';
      i += 4;
    } else if (pattern.startsWith('/**', i) && i + 3 === pattern.length) {
      re += '(?:/.*)?';
      i += 3;
    } else if (pattern.startsWith('**', i)) {
      re += '.*';
      i += 2;
    } else {
      const c = pattern[i] as string;
      re += c === '*' ? '[^/]*' : c === '?' ? '[^/]' : escapeChar(c);
      i++;
    }
  }
  return re;
}

/** Relative patterns are anchored at `base` (the workspace); absolute ones stand alone. */
export function compileGlob(pattern: string, base: string): RegExp {
  const trimmed = pattern.length > 1 && pattern.endsWith('/') ? pattern.slice(0, -1) : pattern;
  if (trimmed.startsWith('/')) return new RegExp(`^${translate(trimmed)}$`);
  const relative = trimmed.startsWith('./') ? trimmed.slice(2) : trimmed;
  if (relative === '.' || relative === '') return new RegExp(`^${escapeText(base)}$`);
  return new RegExp(`^${escapeText(base)}${translate(`/${relative}`)}$`);
}
