import type { ModelLoadPhase, ModelProgress, ModelStatus } from '../../app/contract/index.ts';

/**
 * The load bar. It appears the moment Load is clicked (indeterminate, `progress` null) — before
 * the first `model.progress` arrives — then follows the events, never moving backwards.
 */
export interface LoadBar {
  readonly path: string;
  /** 0..1, or null while only the click is known. */
  readonly progress: number | null;
  readonly phase: ModelLoadPhase | 'requested';
}

export const requestedBar = (path: string): LoadBar => ({ path, progress: null, phase: 'requested' });

/** A `model.progress` event applied to the bar; a load started elsewhere shows too, until it is over. */
export function withProgress(bar: LoadBar | null, event: ModelProgress): LoadBar | null {
  if (bar === null || bar.path !== event.path) {
    if (event.phase === 'ready' || event.phase === 'failed') return bar;
    return { path: event.path, progress: event.progress, phase: event.phase };
  }
  return { path: bar.path, progress: Math.max(bar.progress ?? 0, event.progress), phase: event.phase };
}

/** The bar to show: this window's load, or the status saying some other window is loading. */
export function shownBar(bar: LoadBar | null, status: ModelStatus | undefined): LoadBar | null {
  if (bar !== null) return bar;
  if (status?.state === 'loading') return { path: status.model?.path ?? '', progress: null, phase: 'requested' };
  return null;
}

const phaseLabels: Readonly<Record<LoadBar['phase'], string>> = {
  requested: 'Starting…',
  reading: 'Reading the header…',
  starting: 'Starting llama.cpp…',
  loading: 'Loading weights…',
  context: 'Creating the context…',
  ready: 'Ready',
  failed: 'Failed',
};
export const phaseLabel = (phase: LoadBar['phase']): string => phaseLabels[phase];
