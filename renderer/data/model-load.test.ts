import { describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../app/contract/index.ts';
import { phaseLabel, requestedBar, shownBar, withProgress } from './model-load.ts';

describe('the model load bar', () => {
  it('starts indeterminate on the click, then follows the events without going back', () => {
    let bar = requestedBar('/m/tiny.gguf');
    expect(bar).toEqual({ path: '/m/tiny.gguf', progress: null, phase: 'requested' });
    bar = withProgress(bar, { path: '/m/tiny.gguf', progress: 0.4, phase: 'loading' }) ?? bar;
    bar = withProgress(bar, { path: '/m/tiny.gguf', progress: 0.2, phase: 'loading' }) ?? bar;
    expect(bar).toEqual({ path: '/m/tiny.gguf', progress: 0.4, phase: 'loading' });
    expect(withProgress(bar, { path: '/m/tiny.gguf', progress: 1, phase: 'ready' })).toEqual({ path: '/m/tiny.gguf', progress: 1, phase: 'ready' });
  });

  it("shows another window's load while it runs, not once it is over", () => {
    expect(withProgress(null, { path: '/m/a.gguf', progress: 0.1, phase: 'starting' })).toEqual({ path: '/m/a.gguf', progress: 0.1, phase: 'starting' });
    expect(withProgress(null, { path: '/m/a.gguf', progress: 1, phase: 'ready' })).toBeNull();
  });

  it('falls back to the status while a load runs elsewhere', () => {
    const loading = { state: 'loading', model: { path: '/m/a.gguf' } } as ModelStatus;
    expect(shownBar(null, loading)).toEqual({ path: '/m/a.gguf', progress: null, phase: 'requested' });
    expect(shownBar(null, { ...loading, state: 'ready' })).toBeNull();
    expect(shownBar(null, undefined)).toBeNull();
    expect(phaseLabel('context')).toMatch(/context/);
  });
});
