import { describe, expect, it } from 'vitest';
import { WardenError } from '../contract/result.ts';
import { matchExpression, textExpression } from './fts-query.ts';

describe('textExpression', () => {
  it('quotes every word so FTS5 operators are plain text', () => {
    expect(textExpression('rm OR "x" NEAR(a)')).toBe('text : ("rm" "OR" """x""" "NEAR(a)")');
  });

  it('turns a trailing * into a prefix query', () => {
    expect(textExpression('quart*')).toBe('text : ("quart" *)');
  });

  it('drops words without letters or digits and returns null when nothing is left', () => {
    expect(textExpression('  ( ) * " -- ')).toBeNull();
  });

  it('refuses overly long searches with a clear error', () => {
    expect(() => textExpression(Array.from({ length: 17 }, (_, i) => `w${i}`).join(' '))).toThrow(WardenError);
    expect(() => textExpression('x'.repeat(501))).toThrow(/500 characters/);
  });
});

describe('matchExpression', () => {
  it('combines text with facet tokens', () => {
    const match = matchExpression({ text: 'report', status: 'denied', kind: 'tool_call' });
    expect(match).toMatch(/^\(text : \("report"\)\) AND \(facets : \(ktoolcall sdenied\)\)$/);
  });

  it('is null without text or filters', () => {
    expect(matchExpression({ since: '2025-01-01T00:00:00.000Z' })).toBeNull();
  });
});
