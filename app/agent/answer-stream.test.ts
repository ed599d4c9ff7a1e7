import { describe, expect, it } from 'vitest';
import { answerStream } from './answer-stream.ts';

function streamed(chunks: readonly string[]): string[] {
  const out: string[] = [];
  const push = answerStream((text) => out.push(text));
  for (const chunk of chunks) push(chunk);
  return out;
}

describe('answerStream', () => {
  it('passes on the decoded answer of a final action as it is written, whatever the chunking', () => {
    const raw = JSON.stringify({ final: 'Line "one"\nsecond \\ line, caf\u00e9 \u2713' });
    const whole = JSON.parse(raw) as { final: string };
    for (const size of [1, 2, 3, 5, 7, raw.length]) {
      const chunks = raw.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
      expect(streamed(chunks).join(''), `chunks of ${size}`).toBe(whole.final);
    }
    expect(streamed(['{ "final" :', ' "a\\u00', 'e9b"}'])).toEqual(['a', 'éb']);
  });

  it('passes nothing of a tool action', () => {
    expect(streamed(['{"to', 'ol":"list_dir","args":{"path":"final"}}'])).toEqual([]);
    expect(streamed(['{"fi', 'nalx":"no"}'])).toEqual([]);
  });

  it('passes plain text (a native reply) straight on', () => {
    expect(streamed(['  There are', ' 3 files.'])).toEqual(['There are', ' 3 files.']);
  });
});
