/**
 * DESIGN.md's import table, as data: for each folder, the folders its files may import from.
 * A folder may always import from itself. npm packages are checked separately (see `forbiddenPackages`).
 */
export const layers: Record<string, readonly string[]> = {
  'app/contract': [],
  'app/core': ['app/*'],
  'app/agent': ['app/model', 'app/guard', 'app/policy', 'app/approvals', 'app/runner', 'app/audit', 'app/contract'],
  'app/model': ['app/contract'],
  'app/tools': ['app/contract'],
  'app/policy': ['app/contract', 'app/tools'],
  'app/approvals': ['app/audit', 'app/contract'],
  'app/runner': ['app/tools', 'app/secrets', 'app/contract'],
  'app/audit': ['app/contract'],
  'app/secrets': ['app/audit', 'app/contract'],
  'app/guard': ['app/secrets', 'app/contract'],
  'app/monitor': ['app/audit', 'app/runner', 'app/secrets', 'app/contract'],
  'app/server': ['app/core', 'app/contract'],
  // The CLI's `serve` command starts the headless shell, so the CLI may reach app/server too.
  'app/cli': ['app/core', 'app/server', 'app/contract'],
  main: ['app/core', 'app/contract'],
  preload: ['app/contract'],
  renderer: ['app/contract'],
  e2e: ['*'],
  bench: ['*'],
  scripts: ['*'],
};

/** Packages a folder must never import, whatever the table says (e.g. Node or Electron in the renderer). */
export function forbiddenPackage(layer: string, specifier: string, isTest: boolean): string | undefined {
  if (isTest && specifier === 'vitest') return undefined;
  const isNode = specifier.startsWith('node:');
  const isElectron = specifier === 'electron' || specifier.startsWith('electron/');
  if (layer === 'renderer' && (isNode || isElectron)) return 'the renderer runs in a sandboxed page: no Node, no Electron';
  if (layer === 'app/contract' && specifier !== 'zod') return 'the contract imports zod only';
  if (layer.startsWith('app/') && isElectron) return 'app/ never imports Electron (it also runs headless)';
  if (layer === 'preload' && specifier !== 'electron') return 'the preload imports only electron and the contract';
  return undefined;
}

/** The layer a repository-relative path belongs to, or undefined for files outside the table. */
export function layerOf(relativePath: string): string | undefined {
  const parts = relativePath.split('/');
  if (parts[0] === 'app' && parts.length > 2) return `app/${parts[1]}`;
  const top = parts[0];
  return top !== undefined && parts.length > 1 && top in layers ? top : undefined;
}

export function mayImport(from: string, to: string): boolean {
  if (from === to) return true;
  if (to === 'main') return false;
  return (layers[from] ?? []).some((allowed) => allowed === '*' || allowed === to || (allowed === 'app/*' && to.startsWith('app/')));
}
