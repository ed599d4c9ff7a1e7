import { describe, expect, it } from 'vitest';
import { titleWith } from './document-title.ts';

describe('titleWith', () => {
  it('prefixes the count only when something waits', () => {
    expect(titleWith('Live · Warden', 0)).toBe('Live · Warden');
    expect(titleWith('Live · Warden', 3)).toBe('(3) Live · Warden');
  });
});
