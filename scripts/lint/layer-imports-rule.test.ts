import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { mayImport } from './layers.ts';

const root = resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'warden/layer-imports').map((m) => m.message);
}

describe('the import table of DESIGN.md, enforced by lint', () => {
  it('fails when a renderer file imports from app/core', async () => {
    const errors = await layerErrors('renderer/views/bad.tsx', "import { createWarden } from '../../app/core/index.ts';\nvoid createWarden;\n");
    expect(errors).toEqual(['renderer may not import from app/core (DESIGN.md, Layout).']);
  });

  it('lets the renderer import the contract', async () => {
    expect(await layerErrors('renderer/views/ok.tsx', "import { requests } from '../../app/contract/index.ts';\nvoid requests;\n")).toEqual([]);
  });

  it.each([
    ['renderer/x.ts', "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n", 'node:fs'],
    ['renderer/x.ts', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;\n", 'electron'],
    ['app/core/x.ts', "import { app } from 'electron';\nvoid app;\n", 'electron'],
    ['app/contract/x.ts', "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n", 'node:fs'],
  ])('refuses %s importing the package in %s', async (file, code, specifier) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`"${specifier}"`);
  });

  it.each([
    ['app/audit/x.ts', "export * from '../core/index.ts';\n", 'app/audit may not import from app/core'],
    ['app/contract/x.ts', "export { x } from '../audit/x.ts';\n", 'app/contract may not import from app/audit'],
    ['app/server/x.ts', "const m = await import('../../main/index.ts');\nvoid m;\n", 'app/server may not import from main'],
    ['preload/x.ts', "import '../app/core/index.ts';\n", 'preload may not import from app/core'],
    ['renderer/x.ts', "import '../../outside.ts';\n", 'renderer may not import from ../outside.ts'],
  ])('refuses %s: %s', async (file, code, message) => {
    expect((await layerErrors(file, code)).join()).toContain(message);
  });

  it("lets a test use another area's test fixture, but not production code", async () => {
    const code = "import { createTestVault } from '../secrets/test-vault.ts';\nvoid createTestVault;\n";
    expect(await layerErrors('app/server/x.test.ts', code)).toEqual([]);
    expect(await layerErrors('app/server/x.ts', code)).toEqual(['app/server may not import from app/secrets (DESIGN.md, Layout).']);
  });

  it('follows the table: nothing imports main, core may import all of app/', () => {
    expect(mayImport('app/core', 'app/audit')).toBe(true);
    expect(mayImport('e2e', 'main')).toBe(false);
    expect(mayImport('main', 'app/core')).toBe(true);
    expect(mayImport('app/approvals', 'app/runner')).toBe(false);
  });
});
