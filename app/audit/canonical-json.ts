/**
 * Deterministic JSON (RFC 8785, JCS): object keys sorted by UTF-16 code units, numbers and strings
 * as ECMAScript's JSON.stringify writes them, no whitespace. Two parties holding the same value get the
 * same bytes, which is what a MAC over an event needs. Anything that is not a JSON value is refused
 * rather than silently dropped or turned into null, because the bytes are evidence.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError('canonicalJson: only plain objects, arrays and primitives are JSON values');
      }
      const record = value as Record<string, unknown>;
      let out = '';
      for (const key of Object.keys(record).sort()) {
        const item = record[key];
        if (item === undefined) continue;
        out += `${out ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(item)}`;
      }
      return `{${out}}`;
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not a JSON value`);
  }
}
