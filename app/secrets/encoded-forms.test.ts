import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { alignedFragment, encodedForms, minFragmentLength } from './encoded-forms.ts';

describe('alignedFragment', () => {
  it('is found in the base64 of any blob holding the bytes at that alignment', () => {
    for (let round = 0; round < 300; round++) {
      const bytes = randomBytes(8 + (round % 40));
      const before = randomBytes(round % 7);
      const blob = Buffer.concat([before, bytes, randomBytes(round % 5)]);
      expect(blob.toString('base64')).toContain(alignedFragment(bytes, before.length % 3));
    }
  });

  it('keeps only characters made entirely of the value\'s bits', () => {
    // 8 bytes = 64 bits: from offset 0, characters 0–9 (bits 0–59) are whole; the 11th mixes in 4 unknown bits.
    const bytes = Buffer.from('abcdefgh');
    expect(alignedFragment(bytes, 0)).toBe(bytes.toString('base64').slice(0, 10));
    // From offset 1 the value starts at bit 8: character 1 (bits 6–11) mixes, so it starts at character 2.
    expect(alignedFragment(bytes, 1)).toHaveLength(10);
    expect(alignedFragment(bytes, 2)).toHaveLength(10);
  });
});

describe('encodedForms', () => {
  it('gives every spelling, each long enough not to match by chance', () => {
    const value = 'pa ss/wo+rd"8';
    const forms = encodedForms(value);
    expect(forms).toEqual(
      expect.arrayContaining([
        value,
        'pa ss/wo+rd\\"8',
        'pa%20ss%2Fwo%2Brd%228',
        'pa+ss%2Fwo%2Brd%228',
        Buffer.from(value).toString('hex'),
        Buffer.from(value).toString('hex').toUpperCase(),
        Buffer.from(value).toString('base64'),
        Buffer.from(value).toString('base64url'),
      ]),
    );
    for (const form of forms) expect(form.length).toBeGreaterThanOrEqual(Math.min(value.length, minFragmentLength));
  });
});
