/**
 * bubblewrap's options for one run, as a pure function of what the run needs. Passed on file
 * descriptor 3 (`bwrap --args 3`), never on the command line, because they carry the
 * environment and with it the tool's secrets.
 *
 * The sandbox sees: /usr read-only (with the /bin, /lib… symlinks of a merged-/usr system), a few
 * non-secret files of /etc, a fresh /proc, a minimal /dev, an empty size-limited /tmp, the
 * runtime it needs read-only, the reference directories read-only and the workspace read-write,
 * each at its real path so paths mean the same inside and out, on a read-only root. Every
 * namespace is new (no network but its own loopback) and no nested user namespace can be made;
 * the command gets its own session, dies with the console, and keeps no capability; bwrap
 * itself sets no-new-privs, so setuid binaries do not elevate.
 */

export interface BwrapSpec {
  readonly workspace: string;
  readonly references: readonly string[];
  /** Read-only paths the program needs beyond /usr (the Node runtime and the child's code). */
  readonly runtime: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly tmpBytes: number;
}

/** World-readable, secret-free files that ordinary programs expect (user names, the linker cache, alternatives). */
export const etcFiles = ['/etc/passwd', '/etc/group', '/etc/nsswitch.conf', '/etc/ld.so.cache', '/etc/localtime', '/etc/alternatives'] as const;

const systemLinks = [
  ['usr/bin', '/bin'],
  ['usr/sbin', '/sbin'],
  ['usr/lib', '/lib'],
  ['usr/lib64', '/lib64'],
  ['usr/lib32', '/lib32'],
] as const;

export function bwrapOptions(spec: BwrapSpec): string[] {
  // --unshare-user is implied for an unprivileged bwrap but --disable-userns needs it spelled out:
  // no nested user namespace, so the tool cannot give itself capabilities inside one.
  const args = ['--unshare-all', '--unshare-user', '--disable-userns', '--die-with-parent', '--new-session', '--cap-drop', 'ALL', '--hostname', 'warden-sandbox', '--clearenv'];
  for (const [name, value] of Object.entries(spec.env)) args.push('--setenv', name, value);
  args.push('--ro-bind', '/usr', '/usr');
  for (const [target, link] of systemLinks) args.push('--symlink', target, link);
  for (const file of etcFiles) args.push('--ro-bind-try', file, file);
  args.push('--proc', '/proc', '--dev', '/dev', '--size', String(spec.tmpBytes), '--tmpfs', '/tmp');
  for (const path of spec.runtime) if (!path.startsWith('/usr/')) args.push('--ro-bind', path, path);
  for (const ref of spec.references) args.push('--ro-bind', ref, ref);
  // The sandbox's own root is a tmpfs without a size limit: read-only, so nothing fills memory there.
  args.push('--bind', spec.workspace, spec.workspace, '--remount-ro', '/', '--chdir', spec.cwd);
  return args;
}

/** NUL-terminated, as `--args` reads them. */
export function encodeArgs(args: readonly string[]): Buffer {
  return Buffer.from(args.map((arg) => `${arg}\0`).join(''), 'utf8');
}
