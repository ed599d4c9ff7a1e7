import { describe, expect, it } from 'vitest';
import { hashQuery, parseFilters } from '../audit/filter-hash.ts';
import {
  auditHrefForSession,
  formatParameters,
  formatStepDuration,
  formatTokensPerSecond,
  modelLine,
  sessionStatusLabel,
  sessionStatusTone,
  stepStatusLabel,
  taskTitle,
} from './agent-format.ts';

describe('agent formatting', () => {
  it('formats parameter counts, speeds and durations', () => {
    expect(formatParameters(520_192)).toBe('520K');
    expect(formatParameters(1_100_000_000)).toBe('1.1B');
    expect(formatParameters(8_030_261_248)).toBe('8B');
    expect(formatParameters(12)).toBe('12');
    expect(formatTokensPerSecond(42.123)).toBe('42.1 tok/s');
    expect(formatTokensPerSecond(1234.5)).toBe('1235 tok/s');
    expect(formatStepDuration(null)).toBe('—');
    expect(formatStepDuration(12.4)).toBe('12 ms');
    expect(formatStepDuration(1400)).toBe('1.4 s');
    expect(formatStepDuration(125_000)).toBe('2 min 5 s');
  });

  it('describes a model from its header', () => {
    expect(modelLine({ architecture: 'llama', parameters: 520_192, sizeLabel: null, quantisation: 'F16' })).toBe('llama · 520K params · F16');
    expect(modelLine({ architecture: 'qwen2', parameters: 7e9, sizeLabel: '7B', quantisation: null })).toBe('qwen2 · 7B');
  });

  it('links to the Audit view filtered by the session, in the param the Audit view reads', () => {
    const href = auditHrefForSession('agent-1 x', 'read_file');
    expect(href.startsWith('#/audit?')).toBe(true);
    const filters = parseFilters(hashQuery(href));
    expect(filters.sessionId).toBe('agent-1 x');
    expect(filters.tool).toBe('read_file');
    expect(parseFilters(hashQuery(auditHrefForSession('s2'))).sessionId).toBe('s2');
  });

  it('names statuses in words', () => {
    expect(sessionStatusLabel('step_limit')).toBe('Step limit reached');
    expect(sessionStatusTone('failed')).toBe('bad');
    expect(stepStatusLabel('asked')).toBe('waiting for a person');
    expect(taskTitle('  first line\nsecond')).toBe('first line');
    expect(taskTitle('x'.repeat(100), 10)).toBe('xxxxxxxxx…');
  });
});
