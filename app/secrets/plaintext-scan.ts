import type { Dirent } from 'node:fs';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, isAbsolute, resolve } from 'node:path';
import { assignmentShape, matchShape } from './credential-shapes.ts';
import type { CredentialMatch, Redactor } from './redactor.ts';
import { addUnlessOverlapping, storedSecretKind } from './redactor.ts';

/**
 * Looks for credentials kept in plaintext where Warden can see them: the data dir, the policy
 * file, `.env*` files, the workspace. Reports where and what kind, never the value.
 */
export interface PlaintextScanOptions {
  /** Directories and files to scan; symlinks are followed only when they stay inside one of these. */
  roots: readonly string[];
  /** Usually the secret store's redactor, so exact values of stored secrets are found too. */
  redactor: Pick<Redactor, 'findAll'>;
  maxFileBytes?: number;
  maxFiles?: number;
  timeBudgetMs?: number;
  /** Directory names not entered: third-party code is full of example keys. */
  skipDirNames?: readonly string[];
}

export interface PlaintextFinding {
  file: string;
  /** 1-based; null inside a database file, which has no lines. */
  line: number | null;
  kind: string;
  /** The stored secret found, when it is one. */
  secret: string | null;
  /** A masked hint such as `ghp_…9f3a` for prefixed tokens; null for everything else. */
  preview: string | null;
}

export type SkipReason = 'binary' | 'too-large' | 'symlink-outside-roots' | 'unreadable' | 'not-found';

export interface PlaintextScanReport {
  findings: PlaintextFinding[];
  filesScanned: number;
  /** The first skipped files (at most 100); `skippedTotal` counts them all. */
  skipped: Array<{ file: string; reason: SkipReason }>;
  skippedTotal: number;
  /** False when the time budget or the file limit stopped the scan early. */
  complete: boolean;
  durationMs: number;
}

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');
const walMagic = [0x377f0682, 0x377f0683];
const sniffBytes = 8192;
const skippedListMax = 100;

export async function scanForPlaintextCredentials(options: PlaintextScanOptions): Promise<PlaintextScanReport> {
  const started = performance.now();
  const deadline = started + (options.timeBudgetMs ?? 10_000);
  const maxFileBytes = options.maxFileBytes ?? 4 * 1024 * 1024;
  const maxFiles = options.maxFiles ?? 20_000;
  const skipDirNames = new Set(options.skipDirNames ?? ['node_modules']);

  const findings: PlaintextFinding[] = [];
  const skipped: PlaintextScanReport['skipped'] = [];
  let skippedTotal = 0;
  let filesScanned = 0;
  let complete = true;
  const skip = (file: string, reason: SkipReason): void => {
    skippedTotal++;
    if (skipped.length < skippedListMax) skipped.push({ file, reason });
  };

  const rootsReal: string[] = [];
  const pending: string[] = [];
  for (const root of options.roots) {
    try {
      rootsReal.push(await realpath(root));
      pending.push(resolve(root));
    } catch {
      skip(resolve(root), 'not-found');
    }
  }
  const insideRoots = (real: string): boolean =>
    rootsReal.some((root) => {
      const rel = relative(root, real);
      return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
    });

  // Real paths already visited: symlink loops and two roots that overlap are scanned once.
  const visited = new Set<string>();

  const scanFile = async (path: string, size: number): Promise<void> => {
    if (size > maxFileBytes) return skip(path, 'too-large');
    let content: Buffer;
    try {
      const handle = await open(path, 'r');
      try {
        content = await handle.readFile();
      } finally {
        await handle.close();
      }
    } catch {
      return skip(path, 'unreadable');
    }
    const database = isDatabase(content);
    if (!database && content.subarray(0, sniffBytes).includes(0)) return skip(path, 'binary');
    filesScanned++;
    // A database is scanned as Latin-1 so every byte maps to one character and ASCII tokens stay intact.
    const text = content.toString(database ? 'latin1' : 'utf8');
    const matches: CredentialMatch[] = options.redactor.findAll(text);
    addUnlessOverlapping(matches, matchShape(assignmentShape, text));
    matches.sort((a, b) => a.index - b.index);
    let line = 1;
    let counted = 0;
    for (const match of matches) {
      for (let i = counted; i < match.index; i++) if (text.charCodeAt(i) === 10) line++;
      counted = match.index;
      findings.push({
        file: path,
        line: database ? null : line,
        kind: match.kind,
        secret: match.secret,
        preview: match.kind === storedSecretKind ? null : maskedPreview(text.slice(match.index, match.index + match.length)),
      });
    }
  };

  while (pending.length > 0) {
    if (performance.now() > deadline || filesScanned >= maxFiles) {
      complete = false;
      break;
    }
    const path = pending.pop() as string;
    let real: string;
    let isLink: boolean;
    try {
      isLink = (await lstat(path)).isSymbolicLink();
      real = await realpath(path);
    } catch {
      skip(path, 'unreadable');
      continue;
    }
    if (isLink && !insideRoots(real)) {
      skip(path, 'symlink-outside-roots');
      continue;
    }
    if (visited.has(real)) continue;
    visited.add(real);
    const info = await stat(real).catch(() => undefined);
    if (info === undefined) skip(path, 'unreadable');
    else if (info.isFile()) await scanFile(path, info.size);
    else if (info.isDirectory()) {
      let entries: Dirent[];
      try {
        entries = await readdir(path, { withFileTypes: true });
      } catch {
        skip(path, 'unreadable');
        continue;
      }
      for (const entry of entries) {
        if (entry.isDirectory() && skipDirNames.has(entry.name)) continue;
        if (entry.isFile() || entry.isDirectory() || entry.isSymbolicLink()) pending.push(join(path, entry.name));
      }
    }
  }

  return { findings, filesScanned, skipped, skippedTotal, complete, durationMs: Math.round(performance.now() - started) };
}

function isDatabase(content: Buffer): boolean {
  if (content.subarray(0, sqliteMagic.length).equals(sqliteMagic)) return true;
  return content.length >= 4 && walMagic.includes(content.readUInt32BE(0));
}

const publicPrefix = /^(?:gh[pousr]_|github_pat_|xox[abposr]-|AKIA|ASIA|sk-(?:proj-|ant-)?)/;

/**
 * Shows the format's public prefix and the last 4 characters (as GitHub and AWS consoles do) for
 * prefixed tokens long enough that 4 characters reveal little; nothing for any other kind.
 */
export function maskedPreview(credential: string): string | null {
  const prefix = publicPrefix.exec(credential)?.[0];
  if (prefix === undefined || credential.length < 20) return null;
  return `${prefix}…${credential.slice(-4)}`;
}
