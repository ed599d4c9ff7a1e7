import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { childProtocolVersion } from './child-protocol.ts';

/**
 * The Node binary and code the sandboxed child runs, and what must be mounted (read-only) for it.
 *
 * - checkout: this repository's app/ and the Node running the console. Works as long as the
 *   sandbox user can reach both; a Node under /root (mode 0700) it cannot.
 * - installed: a copy that `sudo warden setup-sandbox` writes to /usr/local/libexec/warden/runtime:
 *   a Node binary and the child's code, types stripped to plain JavaScript (it starts ~45 ms
 *   faster than type-stripping at every call), root-owned, so neither the agent nor the console
 *   user can change what runs in the sandbox. A packaged app (Electron cannot run as Node: the
 *   RunAsNode fuse is off) needs this one, or a `runtime` option naming a Node binary and an
 *   unpacked child entry.
 */
export interface ChildRuntime {
  readonly node: string;
  readonly entry: string;
  readonly mounts: readonly string[];
  readonly source: 'checkout' | 'installed' | 'custom';
}

export const installedRuntimeDir = '/usr/local/libexec/warden/runtime';
const manifestName = 'runtime.json';
const appDir = resolve(import.meta.dirname, '..');
const childEntry = join(appDir, 'runner', 'child-entry.ts');

export function checkoutRuntime(): ChildRuntime | null {
  if (process.versions['electron'] !== undefined) return null;
  return { node: process.execPath, entry: childEntry, mounts: [dirname(process.execPath), appDir], source: 'checkout' };
}

interface RuntimeManifest {
  protocol: number;
  entry: string;
  node: string;
  nodeVersion: string;
}

export type InstalledRuntime = { runtime: ChildRuntime } | { runtime: null; problem: string | null };

/** The runtime setup-sandbox installed, if there is one this version of Warden can talk to. */
export function installedRuntime(dir = installedRuntimeDir): InstalledRuntime {
  let manifest: RuntimeManifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, manifestName), 'utf8')) as RuntimeManifest;
  } catch {
    return { runtime: null, problem: null };
  }
  if (manifest.protocol !== childProtocolVersion) {
    return { runtime: null, problem: `The sandbox runtime in ${dir} is from another version of Warden (protocol ${manifest.protocol}).` };
  }
  return { runtime: { node: join(dir, manifest.node), entry: join(dir, manifest.entry), mounts: [dir], source: 'installed' } };
}

/** Relative imports of a module that exist at run time (`import type` is erased, so skipped). */
function runtimeImports(source: string): string[] {
  const found: string[] = [];
  const patterns = [/^\s*(?:import|export)\s+(?!type\b)[^'";]*?\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/gm, /^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/gm];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1] as string);
  return found;
}

/** The child entry and every module it loads, as paths relative to app/. */
export function childModules(root = appDir): string[] {
  const seen = new Set<string>();
  const pending = [join(root, 'runner', 'child-entry.ts')];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of runtimeImports(readFileSync(file, 'utf8'))) pending.push(resolve(dirname(file), specifier));
  }
  return [...seen].map((file) => relative(root, file)).sort();
}

const toJs = (path: string): string => path.replace(/\.ts$/, '.js');

/**
 * Writes a runtime to `target` (replacing one that is there): the Node binary, the child's modules
 * as JavaScript, a package.json that makes them ES modules, and runtime.json. Directories 0755,
 * files 0644 (node 0755), owned by whoever runs this: root, under setup-sandbox.
 */
export function installChildRuntime(target: string, node = process.execPath, root = appDir): ChildRuntime {
  const staging = `${target}.new`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'bin'), { recursive: true, mode: 0o755 });
  copyFileSync(node, join(staging, 'bin', 'node'));
  chmodSync(join(staging, 'bin', 'node'), 0o755);
  for (const module of childModules(root)) {
    const js = stripTypeScriptTypes(readFileSync(join(root, module), 'utf8'), { mode: 'strip' }).replace(
      /(\bfrom\s+['"]|\bimport\s+['"]|\bimport\(\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g,
      '$1$2.js$3',
    );
    const out = join(staging, 'app', toJs(module));
    mkdirSync(dirname(out), { recursive: true, mode: 0o755 });
    writeFileSync(out, js, { mode: 0o644 });
  }
  writeFileSync(join(staging, 'package.json'), `${JSON.stringify({ type: 'module', private: true })}\n`, { mode: 0o644 });
  const manifest: RuntimeManifest = { protocol: childProtocolVersion, entry: 'app/runner/child-entry.js', node: 'bin/node', nodeVersion: process.version };
  writeFileSync(join(staging, manifestName), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o644 });
  for (const dir of [staging, join(staging, 'app')]) chmodSync(dir, 0o755);
  if (existsSync(target)) rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  return { node: join(target, manifest.node), entry: join(target, manifest.entry), mounts: [target], source: 'installed' };
}
