import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { encodeEvent } from './event-body.ts';
import { syntheticEvent } from './synthetic-events.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text whatever order the keys were inserted in', () => {
    expect(canonicalJson({ x: 1, y: [true, null] })).toBe(canonicalJson({ y: [true, null], x: 1 }));
  });

  it('matches RFC 8785 for strings, numbers and key order by UTF-16 code units', () => {
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '1': 3, é: 4 })).toBe('{"\\r":2,"1":3,"é":4,"€":1}');
    expect(canonicalJson([1e21, 1.5e-7, -0, 333333333.3333333, 'tab\there'])).toBe('[1e+21,1.5e-7,0,333333333.3333333,"tab\\there"]');
  });

  it('leaves out undefined members like JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('refuses what is not JSON instead of hiding it', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(TypeError);
    expect(() => canonicalJson([undefined])).toThrow(TypeError);
    expect(() => canonicalJson(10n)).toThrow(TypeError);
  });
});

describe('encodeEvent', () => {
  it('writes exactly the canonical JSON of the event it returns', () => {
    for (let i = 0; i < 200; i++) {
      const { event, body } = encodeEvent(syntheticEvent(i), i + 1, '2025-03-01T10:00:00.000Z');
      expect(body).toBe(canonicalJson(event));
      expect(JSON.parse(body)).toEqual(event);
    }
  });

  it('covers every optional field in canonical order', () => {
    const { event, body } = encodeEvent(
      {
        kind: 'policy_change',
        status: 'success',
        actor: 'ana',
        summary: 'allowed web.fetch to example.org',
        sessionId: 's1',
        tool: 'web.fetch',
        args: { host: 'example.org' },
        excerpt: 'x',
        decision: 'allow',
        decidedBy: { kind: 'person', name: 'ana' },
        durationMs: 12.5,
        interface: 'desktop',
        details: { before: { hosts: [] }, after: { hosts: ['example.org'] } },
      },
      7,
      '2025-03-01T10:00:00.000Z',
    );
    expect(body).toBe(canonicalJson(event));
  });

  it('keeps the last 200 characters of the instruction and marks oversized arguments', () => {
    const instruction = `${'a'.repeat(300)}then delete everything`;
    const { event } = encodeEvent(
      { ...syntheticEvent(1), excerpt: instruction, args: { blob: 'x'.repeat(100_000) } },
      1,
      '2025-03-01T10:00:00.000Z',
    );
    expect(event.excerpt).toHaveLength(200);
    expect(event.excerpt?.endsWith('then delete everything')).toBe(true);
    expect(event.args).toMatchObject({ truncated: true, originalChars: 100_011 });
  });
});
