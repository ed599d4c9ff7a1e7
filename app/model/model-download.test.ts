import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDownloadRequest, downloadModel } from './model-download.ts';
import { rejection } from './test-rejection.ts';

// Argument checks only: they all run before any network access, and these tests make none.
const dir = mkdtempSync(join(tmpdir(), 'warden-model-download-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const url = 'https://huggingface.co/org/repo/resolve/main/model.Q4_K_M.gguf';

describe('downloadModel arguments', () => {
  it('accepts an https URL or an hf: URI into an existing folder', async () => {
    await expect(checkDownloadRequest(url, dir, { sha256: 'a'.repeat(64), fileName: 'model.gguf' })).resolves.toBeUndefined();
    await expect(checkDownloadRequest('hf:org/repo/model.gguf', dir)).resolves.toBeUndefined();
  });

  it('refuses anything else, before touching the network', async () => {
    const file = join(dir, 'file.txt');
    writeFileSync(file, '');
    const cases: Array<[string, string, object, RegExp]> = [
      ['http://example.com/m.gguf', dir, {}, /HTTPS only/],
      ['ftp://example.com/m.gguf', dir, {}, /HTTPS only/],
      ['not a url', dir, {}, /https:\/\/ URL or an hf: URI/],
      ['https://user:pw@example.com/m.gguf', dir, {}, /user name or password/],
      [url, dir, { sha256: 'abc' }, /64 hexadecimal digits/],
      [url, dir, { fileName: '../evil.gguf' }, /plain name ending in \.gguf/],
      [url, dir, { fileName: 'model.bin' }, /plain name ending in \.gguf/],
      [url, 'relative/dir', {}, /absolute path/],
      [url, join(dir, 'missing'), {}, /not an existing folder/],
      [url, file, {}, /not an existing folder/],
    ];
    for (const [u, d, options, message] of cases) {
      const error = await rejection(downloadModel(u, d, options));
      expect(error.message, `${u} ${d} ${JSON.stringify(options)}`).toMatch(message);
    }
  });

  it('stops before starting when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await rejection(downloadModel(url, dir, { signal: controller.signal }))).reason).toBe('aborted');
  });
});
