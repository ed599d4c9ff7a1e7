import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Absolute path of the Electron executable installed under `root`, or null when its binary is
 * missing. Reads the files the electron package's own index.js reads, without loading that
 * package: loading it would start a download from GitHub when the binary is absent.
 */
export function electronBinaryPath(root: string = projectRoot): string | null {
  const packageDir = join(root, 'node_modules', 'electron');
  let relative: string;
  try {
    relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    return null;
  }
  if (relative === '') return null;
  const distDir = resolve(packageDir, 'dist');
  const executable = resolve(distDir, relative);
  if (!executable.startsWith(distDir + sep)) return null;
  return existsSync(executable) ? executable : null;
}
