import { describe, expect, it } from 'vitest';
import { checkScript, exampleScript, issuePath } from './agent-script.ts';

describe('checkScript', () => {
  it('accepts a script the contract accepts', () => {
    const result = checkScript('{"version":1,"turns":[{"action":{"tool":"read_file","args":{"path":"hello.txt"}}},{"action":{"final":"done"}}]}');
    expect(result).toEqual({
      ok: true,
      script: { version: 1, turns: [{ action: { tool: 'read_file', args: { path: 'hello.txt' } } }, { action: { final: 'done' } }] },
    });
    expect(checkScript(exampleScript).ok).toBe(true);
  });

  it('says when there is nothing, or no JSON', () => {
    expect(checkScript('  ')).toMatchObject({ ok: false, errors: [expect.stringMatching(/Paste a model script/)] });
    expect(checkScript('{"version": 1,')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^Not JSON: /)] });
  });

  it('names where the script is wrong', () => {
    const result = checkScript('{"version":2,"turns":[{"action":{"final":"x"}},{"say":"hi"}]}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual(expect.stringMatching(/^version: /));
    expect(result.errors).toContainEqual(expect.stringMatching(/^turns\[1\]: not a turn/));
    expect(checkScript('{"version":1,"turns":[]}')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^turns: /)] });
    expect(checkScript('{"version":1,"turns":[{"text":"a"}],"extra":true}')).toMatchObject({ ok: false });
  });

  it('caps the list of problems', () => {
    const turns = Array.from({ length: 9 }, () => ({ nope: 1 }));
    const result = checkScript(JSON.stringify({ version: 1, turns }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(6);
      expect(result.errors.at(-1)).toBe('…and 4 more.');
    }
  });

  it('formats issue paths', () => {
    expect(issuePath(['turns', 3, 'action'])).toBe('turns[3].action');
    expect(issuePath([])).toBe('');
  });
});
