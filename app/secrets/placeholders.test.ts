import { describe, expect, it } from 'vitest';
import { WardenError } from '../contract/result.ts';
import { createRedactor } from './redactor.ts';
import { assertNoPlaceholder, findPlaceholders } from './placeholders.ts';

function refusal(content: string, options = {}): WardenError {
  try {
    assertNoPlaceholder(content, options);
  } catch (error) {
    if (error instanceof WardenError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('assertNoPlaceholder', () => {
  it('refuses to write back a config file that went through the redactor', () => {
    const original = 'url = "https://api.example.com"\ntoken = "tok-1f2e3d4c5b6a"\n';
    const seenByTheModel = createRedactor([{ name: 'API_TOKEN', value: 'tok-1f2e3d4c5b6a' }]).redact(original);
    const edited = seenByTheModel.replace('api.example.com', 'api2.example.com');
    const error = refusal(edited, { target: 'config.toml', existing: original });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('Refusing to write config.toml: line 2 contains [secret:API_TOKEN]');
    expect(error.message).toContain('replace the real value');
    expect(error.message).not.toContain('tok-1f2e3d4c5b6a');
  });

  it('refuses shape placeholders too and counts the others', () => {
    const error = refusal('a [redacted:jwt]\nb [redacted:github-token]\n');
    expect(error.message).toContain('line 1 contains [redacted:jwt] (and 1 more)');
  });

  it('lets content through that has no placeholder, or only the ones the file already had', () => {
    expect(() => assertNoPlaceholder('plain text [secret:lowercase] [note]')).not.toThrow();
    const docs = 'Warden shows [secret:NAME] where a value was.\n';
    expect(() => assertNoPlaceholder(`${docs}More text.\n`, { existing: docs })).not.toThrow();
    expect(() => assertNoPlaceholder(`${docs}${docs}`, { existing: docs })).toThrow(WardenError);
  });
});

describe('findPlaceholders', () => {
  it('gives each placeholder with its line', () => {
    expect(findPlaceholders('x\n\n[secret:A_B] y [redacted:private-key]')).toEqual([
      { placeholder: '[secret:A_B]', line: 3 },
      { placeholder: '[redacted:private-key]', line: 3 },
    ]);
  });
});
