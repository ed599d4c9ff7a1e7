/**
 * The spellings of a secret value that the redactor looks for: as is, JSON-escaped, URL-encoded,
 * hex, base64 and base64url — whole, and as it appears inside a larger base64 blob.
 *
 * Inside a blob the value starts at byte offset 0, 1 or 2 of a 3-byte group, and each alignment
 * encodes it differently. For each alignment we keep only the characters whose 6 bits come
 * entirely from the value; the 1–2 characters at either edge also carry bits of the neighbouring
 * bytes and cannot be known in advance (they stay, and reveal at most 4 bits each).
 */

/** Shorter encoded fragments could occur by chance in unrelated base64; 10 characters is 60 bits. */
export const minFragmentLength = 10;

export function encodedForms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const forms = new Set<string>([value]);
  forms.add(JSON.stringify(value).slice(1, -1));
  forms.add(encodeURIComponent(value));
  forms.add(new URLSearchParams({ v: value }).toString().slice(2));
  forms.add(bytes.toString('hex'));
  forms.add(bytes.toString('hex').toUpperCase());
  const base64 = bytes.toString('base64');
  forms.add(base64);
  forms.add(bytes.toString('base64url'));
  forms.add(base64.replace(/\+/g, '-').replace(/\//g, '_'));
  for (let offset = 0; offset < 3; offset++) {
    const fragment = alignedFragment(bytes, offset);
    if (fragment.length >= minFragmentLength) {
      forms.add(fragment);
      forms.add(fragment.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms].filter((form) => form.length > 0);
}

/** The base64 characters fully determined by `bytes` when they start `offset` bytes into a group. */
export function alignedFragment(bytes: Uint8Array, offset: number): string {
  const padded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64').replace(/=+$/, '');
  const firstBit = offset * 8;
  const endBit = (offset + bytes.length) * 8;
  return padded.slice(Math.ceil(firstBit / 6), Math.floor(endBit / 6));
}
