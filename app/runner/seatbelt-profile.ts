/**
 * The macOS sandbox (Seatbelt, run through `sandbox-exec`) for one run, as a pure function of
 * what the run needs: the same perimeter bubblewrap gives on Linux. Closed by default; the tool
 * may read the system (programs, libraries, frameworks, time zones, a few files of /etc), its
 * runtime and the reference directories, and read and write only the workspace and the run's own
 * temporary directory. No network at all, not even loopback; no Mach service but user and group
 * lookups; signals and process information only within its own sandbox.
 *
 * No path is ever written into the profile text: the profile names `(param "WORKSPACE")`,
 * `(param "REF_0")` and so on, and the paths go to `sandbox-exec -D NAME=VALUE`, so a path with
 * quotes, parentheses or newlines cannot change a rule. Only the number of REF_ and RUNTIME_
 * lines depends on the run.
 *
 * Seatbelt matches the real path of a file, and macOS's /tmp, /var and /etc are symlinks into
 * /private: a rule for /tmp/x never matches anything. The runner passes real paths (realpath);
 * `seatbeltPath` also maps those three symlinks, the one case it can fix without the disk.
 *
 * Rules follow the profiles of OpenAI Codex (codex-rs seatbelt_base_policy.sbpl and its
 * restricted-read platform defaults, themselves based on Chromium's common.sb), narrowed to
 * what a command-line program needs.
 */

export interface SeatbeltSpec {
  readonly workspace: string;
  readonly references: readonly string[];
  /** Read-only paths the program needs beyond the system (the Node runtime and the child's code). */
  readonly runtime: readonly string[];
  /** The run's own HOME and TMPDIR: there is no private /tmp as under bubblewrap. */
  readonly tmpDir: string;
}

export interface SeatbeltProfile {
  /** SBPL text for `sandbox-exec -p`. */
  readonly profile: string;
  /** Values for `sandbox-exec -D NAME=VALUE`, in the order the profile names them. */
  readonly params: ReadonlyArray<readonly [name: string, value: string]>;
}

export const sandboxExecPath = '/usr/bin/sandbox-exec';

/** The real path Seatbelt sees for /tmp/…, /var/… and /etc/… on macOS; other paths as given. */
export function seatbeltPath(path: string): string {
  if (!path.startsWith('/')) throw new Error(`Sandbox paths must be absolute: ${JSON.stringify(path)}.`);
  return /^\/(?:tmp|var|etc)(?:\/|$)/.test(path) ? `/private${path}` : path;
}

/** Everything but the run's own directories: the same for every run. */
const baseRules = `(version 1)
(deny default)

; Programs may start programs (which inherit this profile) and see and signal only their own sandbox.
(allow process-fork process-exec*)
(allow process-info* (target same-sandbox))
(allow signal (target same-sandbox))

; The system, read-only: programs, libraries, frameworks and the dyld shared cache (under the cryptexes).
(allow file-read* file-map-executable
  (subpath "/usr")
  (subpath "/bin")
  (subpath "/sbin")
  (subpath "/System/Library")
  (subpath "/System/Cryptexes")
  (subpath "/System/Volumes/Preboot/Cryptexes")
  (subpath "/System/iOSSupport")
  (subpath "/Library/Apple"))

; /bin/sh runs the shell this link names; git, make, cc… in /usr/bin are shims into the developer tools.
(allow file-read* file-map-executable
  (literal "/private/var/select/sh")
  (literal "/private/var/db/xcode_select_link")
  (subpath "/Library/Developer/CommandLineTools")
  (subpath "/Applications/Xcode.app"))

; World-readable, secret-free files programs expect: names, services, the time zone, logging settings.
(allow file-read*
  (literal "/private/etc/passwd")
  (literal "/private/etc/group")
  (literal "/private/etc/protocols")
  (literal "/private/etc/services")
  (literal "/private/etc/localtime")
  (subpath "/private/var/db/timezone")
  (subpath "/Library/Preferences/Logging"))

; Resolving /etc, /tmp and /var, getcwd and the firmlinks of the data volume stat the way there.
(allow file-read-metadata
  (literal "/etc")
  (literal "/tmp")
  (literal "/var")
  (literal "/dev")
  (literal "/dev/stdin")
  (literal "/dev/stdout")
  (literal "/dev/stderr")
  (path-ancestors "/System/Volumes/Data/private"))
(allow file-read* (literal "/"))

; Devices: the bit bucket, randomness, the process's own descriptors, and the DTrace helper dyld opens.
(allow file-read* file-write-data
  (literal "/dev/null")
  (literal "/dev/zero"))
(allow file-read*
  (literal "/dev/random")
  (literal "/dev/urandom"))
(allow file-read-data file-write-data (subpath "/dev/fd"))
(allow file-read* file-write-data file-ioctl (literal "/dev/dtracehelper"))

; Kernel facts a program asks for (CPUs, memory, OS version); not other processes' arguments or environment.
(allow sysctl-read
  (sysctl-name "hw.activecpu")
  (sysctl-name "hw.busfrequency_compat")
  (sysctl-name "hw.byteorder")
  (sysctl-name "hw.cacheconfig")
  (sysctl-name "hw.cachelinesize_compat")
  (sysctl-name "hw.cpufamily")
  (sysctl-name "hw.cpufrequency")
  (sysctl-name "hw.cpufrequency_compat")
  (sysctl-name "hw.cputype")
  (sysctl-name "hw.l1dcachesize_compat")
  (sysctl-name "hw.l1icachesize_compat")
  (sysctl-name "hw.l2cachesize_compat")
  (sysctl-name "hw.l3cachesize_compat")
  (sysctl-name "hw.logicalcpu")
  (sysctl-name "hw.logicalcpu_max")
  (sysctl-name "hw.machine")
  (sysctl-name "hw.memsize")
  (sysctl-name "hw.model")
  (sysctl-name "hw.ncpu")
  (sysctl-name "hw.nperflevels")
  (sysctl-name "hw.packages")
  (sysctl-name "hw.pagesize")
  (sysctl-name "hw.pagesize_compat")
  (sysctl-name "hw.physicalcpu")
  (sysctl-name "hw.physicalcpu_max")
  (sysctl-name "hw.tbfrequency_compat")
  (sysctl-name "hw.vectorunit")
  (sysctl-name-prefix "hw.optional.")
  (sysctl-name-prefix "hw.perflevel")
  (sysctl-name "machdep.cpu.brand_string")
  (sysctl-name "kern.argmax")
  (sysctl-name "kern.hostname")
  (sysctl-name "kern.maxfilesperproc")
  (sysctl-name "kern.maxproc")
  (sysctl-name "kern.osproductversion")
  (sysctl-name "kern.osrelease")
  (sysctl-name "kern.ostype")
  (sysctl-name "kern.osvariant_status")
  (sysctl-name "kern.osversion")
  (sysctl-name "kern.secure_kernel")
  (sysctl-name "kern.usrstack64")
  (sysctl-name "kern.version")
  (sysctl-name "sysctl.proc_cputype")
  (sysctl-name "vm.loadavg")
  (sysctl-name-prefix "kern.proc.pgrp.")
  (sysctl-name-prefix "kern.proc.pid."))

; User and group names (getpwuid, getgrouplist) come from opendirectoryd; no other service.
(allow mach-lookup
  (global-name "com.apple.system.opendirectoryd.libinfo")
  (global-name "com.apple.system.opendirectoryd.membership"))

; Unix socket pairs connect a parent to its children's standard streams. Nothing binds or connects:
; the network rule at the end refuses every address, local sockets and loopback included.
(allow system-socket (socket-domain AF_UNIX))
`;

/** Last, so no rule above can open the network (the last matching rule decides). */
const closingRules = `
; No setuid or setgid bits: bubblewrap's mounts are nosuid.
(deny file-write-setugid)
; No network at all.
(deny network*)
`;

const filters = (kind: 'subpath' | 'path-ancestors', names: readonly string[]): string => names.map((name) => `\n  (${kind} (param "${name}"))`).join('');

export function seatbeltProfile(spec: SeatbeltSpec): SeatbeltProfile {
  const params: Array<readonly [string, string]> = [
    ['WORKSPACE', seatbeltPath(spec.workspace)],
    ['TMP', seatbeltPath(spec.tmpDir)],
    ...spec.references.map((path, i) => [`REF_${i}`, seatbeltPath(path)] as const),
    ...spec.runtime.map((path, i) => [`RUNTIME_${i}`, seatbeltPath(path)] as const),
  ];
  const writable = ['WORKSPACE', 'TMP'];
  const readable = params.map(([name]) => name).filter((name) => !writable.includes(name));
  const all = [...writable, ...readable];
  const runRules = [
    '; The run\'s own directories: the workspace and its temporary directory read-write, the rest read-only.',
    `(allow file-read* file-write* file-map-executable${filters('subpath', writable)})`,
    ...(readable.length === 0 ? [] : [`(allow file-read* file-map-executable${filters('subpath', readable)})`]),
    '; Opening a path stats each directory on the way there, e.g. /Users and /Users/name.',
    `(allow file-read-metadata${filters('path-ancestors', all)})`,
  ];
  return { profile: `${baseRules}\n${runRules.join('\n')}\n${closingRules}`, params };
}

/** `sandbox-exec` options for the run, up to (not including) `--` and the program. */
export function seatbeltArgs(spec: SeatbeltSpec): string[] {
  const { profile, params } = seatbeltProfile(spec);
  return ['-p', profile, ...params.flatMap(([name, value]) => ['-D', `${name}=${value}`])];
}
