import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from './hash-route.ts';
import { viewIds } from './views.ts';

describe('parseHash', () => {
  it('treats an empty hash as the overview', () => {
    for (const hash of ['', '#', '#/', '#//']) expect(parseHash(hash)).toEqual({ view: 'overview' });
  });

  it('round-trips every view through hrefFor', () => {
    for (const view of viewIds) expect(parseHash(hrefFor(view))).toEqual({ view });
  });

  it('ignores case, trailing segments and query strings', () => {
    expect(parseHash('#/Live')).toEqual({ view: 'live' });
    expect(parseHash('#/audit/123')).toEqual({ view: 'audit' });
    expect(parseHash('#/audit?q=rm')).toEqual({ view: 'audit' });
    expect(parseHash('#live')).toEqual({ view: 'live' });
  });

  it('reports unknown paths as not found', () => {
    expect(parseHash('#/nope')).toEqual({ view: null, path: 'nope' });
    expect(parseHash('#/%E0%A4%A')).toEqual({ view: null, path: '%e0%a4%a' });
  });
});
