import { describe, expect, it } from 'vitest';
import { compileGlob } from './glob.ts';

const ws = '/srv/ws';
const cases: Array<[pattern: string, path: string, matches: boolean]> = [
  ['*.md', '/srv/ws/README.md', true],
  ['*.md', '/srv/ws/docs/README.md', false],
  ['**/*.md', '/srv/ws/README.md', true],
  ['**/*.md', '/srv/ws/docs/deep/a.md', true],
  ['docs/**', '/srv/ws/docs', true],
  ['docs/**', '/srv/ws/docs/a/b.txt', true],
  ['docs/**', '/srv/ws/docsx/a', false],
  ['docs/**/*.txt', '/srv/ws/docs/b.txt', true],
  ['docs/**/*.txt', '/srv/ws/docs/x/y/b.txt', true],
  ['docs/**/*.txt', '/srv/ws/docs/x/y/b.md', false],
  ['?.txt', '/srv/ws/a.txt', true],
  ['?.txt', '/srv/ws/ab.txt', false],
  ['?.txt', '/srv/ws//.txt', false],
  ['**/.env', '/srv/ws/.env', true],
  ['**/.env', '/srv/ws/app/.env', true],
  ['**/.env', '/srv/ws/app/.envrc', false],
  ['.git/**', '/srv/ws/.git/config', true],
  ['/etc/**', '/etc/passwd', true],
  ['/etc/**', '/srv/ws/etc/passwd', false],
  ['a.b', '/srv/ws/aXb', false],
  ['a+(b)', '/srv/ws/a+(b)', true],
  ['.', '/srv/ws', true],
  ['./src/*', '/srv/ws/src/x', true],
  ['src/', '/srv/ws/src', true],
  ['*', '/srv/ws/a/b', false],
  ['**', '/srv/ws/a/b', true],
];

describe('compileGlob', () => {
  it.each(cases)('%s against %s → %s', (pattern, path, matches) => {
    expect(compileGlob(pattern, ws).test(path)).toBe(matches);
  });

  it('treats glob characters in the workspace path literally', () => {
    const re = compileGlob('*.txt', '/srv/w*s');
    expect(re.test('/srv/w*s/a.txt')).toBe(true);
    expect(re.test('/srv/wXs/a.txt')).toBe(false);
  });
});
