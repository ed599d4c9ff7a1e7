import type { Limits } from '../contract/policy.ts';

/**
 * The fixed launcher `sudo warden setup-sandbox` installs (root-owned) for a console that does
 * not run as root. The sudoers rule lets the console's user run exactly this file as root; the
 * file then drops to the dedicated user and starts bubblewrap with options it builds itself.
 * Its argument handling is the security boundary: one fixed shape, every value checked, the
 * sandbox options never taken from the caller (a rule that let the caller pass bwrap options
 * would hand out `--dev-bind / /`). The caller chooses only the program, which runs sandboxed.
 *
 *   warden-sandbox-launch v1 CPU_S FSIZE_BYTES NPROC TMP_BYTES WALL_S WORKSPACE CWD
 *                         N REF_1 … REF_N M RO_1 … RO_M -- PROGRAM [ARG …]
 *
 * Standard input: NUL-terminated NAME=VALUE records (the environment, secrets included, so they
 * never appear in a process list), an empty record, then the program's own input.
 */

export const launcherProtocol = 'v1';
export const launcherPath = '/usr/local/libexec/warden/warden-sandbox-launch';

const userNamePattern = /^[a-z_][a-z0-9_-]{0,31}$/;

export function launcherScript(agentUser: string): string {
  if (!userNamePattern.test(agentUser)) throw new Error(`"${agentUser}" is not a valid user name.`);
  return `#!/bin/bash
# Installed by \`warden setup-sandbox\`; do not edit (re-run setup-sandbox instead).
# Runs one program inside bubblewrap as ${agentUser}. Usage and stdin format: see Warden's
# app/runner/launcher-script.ts. Every argument is checked; the sandbox options are fixed here.
set -euo pipefail
umask 077
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
readonly AGENT=${agentUser}

die() { printf 'warden-sandbox-launch: %s\\n' "$*" >&2; exit 126; }
[[ $EUID -eq 0 ]] || die "must run as root (through sudo)"

int_in() { # value min max label
  [[ $1 =~ ^[0-9]{1,13}$ ]] || die "$4 must be a number"
  (( 10#$1 >= $2 && 10#$1 <= $3 )) || die "$4 must be from $2 to $3"
}
within() { [[ $1 == "$2" || $1 == "$2"/* ]]; }
canonical_dir() { # path label
  local p=$1
  [[ $p =~ ^/[A-Za-z0-9._+@%=,:~/-]*$ ]] || die "$2: unsupported characters in the path"
  [[ $p != *//* && $p != */ && $p != */./* && $p != */../* && $p != */. && $p != */.. ]] || die "$2: not a normalized path"
  [[ -d $p && ! -L $p ]] || die "$2: not a directory"
  [[ $(realpath -e -- "$p") == "$p" ]] || die "$2: symbolic links are not allowed in the path"
  case $p in
    /|/usr|/etc|/etc/*|/proc|/proc/*|/sys|/sys/*|/dev|/dev/*|/boot|/boot/*|/run|/run/*|/bin|/sbin|/lib|/lib32|/lib64|/tmp|/var|/root|/root/*|/home)
      die "$2: $p cannot be mounted into the sandbox" ;;
  esac
}

(( $# >= 12 )) || die "too few arguments"
[[ $1 == ${launcherProtocol} ]] || die "protocol $1 is not supported by this launcher: re-run sudo warden setup-sandbox"
int_in "$2" 1 86400 "CPU seconds"; cpu=$((10#$2))
int_in "$3" 1048576 1099511627776 "file size"; fsize=$((10#$3))
int_in "$4" 1 65536 "process limit"; nproc=$((10#$4))
int_in "$5" 1048576 8589934592 "tmp size"; tmp=$((10#$5))
int_in "$6" 1 86400 "wall seconds"; wall=$((10#$6))
workspace=$7; canonical_dir "$workspace" workspace
[[ $(stat -c %U -- "$workspace") == "$AGENT" ]] || die "workspace: $workspace must belong to $AGENT (see sudo warden setup-sandbox)"
cwd=$8; canonical_dir "$cwd" "working directory"
int_in "$9" 0 32 "reference count"; n=$((10#$9))
shift 9
refs=()
for (( i = 0; i < n; i++ )); do
  (( $# > 0 )) || die "missing reference directory"
  canonical_dir "$1" "reference"; within "$1" "$workspace" && die "reference: $1 is inside the workspace"
  refs+=("$1"); shift
done
(( $# > 0 )) || die "missing runtime count"
int_in "$1" 0 8 "runtime count"; m=$((10#$1)); shift
ros=()
for (( i = 0; i < m; i++ )); do
  (( $# > 0 )) || die "missing runtime directory"
  if [[ $1 == /usr/* ]]; then shift; continue; fi
  canonical_dir "$1" "runtime"; ros+=("$1"); shift
done
[[ \${1-} == -- ]] || die "expected -- before the program"
shift
(( $# >= 1 )) || die "no program given"
[[ $1 == /* && $1 != *$'\\n'* ]] || die "the program must be an absolute path"
ok=0
within "$cwd" "$workspace" && ok=1
for r in "\${refs[@]}"; do within "$cwd" "$r" && ok=1; done
(( ok )) || die "working directory: $cwd is outside the workspace and the reference directories"

opts=(--unshare-all --unshare-user --disable-userns --die-with-parent --new-session --cap-drop ALL --hostname warden-sandbox --clearenv)
count=0
while IFS= read -r -d '' record; do
  [[ -z $record ]] && break
  (( ++count <= 128 )) || die "too many environment variables"
  [[ $record == *=* ]] || die "malformed environment record"
  name=\${record%%=*}
  [[ $name =~ ^[A-Z_][A-Z0-9_]{0,127}$ ]] || die "invalid environment variable name"
  opts+=(--setenv "$name" "\${record#*=}")
done
opts+=(--ro-bind /usr /usr --symlink usr/bin /bin --symlink usr/sbin /sbin --symlink usr/lib /lib --symlink usr/lib64 /lib64 --symlink usr/lib32 /lib32)
for f in /etc/passwd /etc/group /etc/nsswitch.conf /etc/ld.so.cache /etc/localtime /etc/alternatives; do opts+=(--ro-bind-try "$f" "$f"); done
opts+=(--proc /proc --dev /dev --size "$tmp" --tmpfs /tmp)
for r in "\${ros[@]}"; do opts+=(--ro-bind "$r" "$r"); done
for r in "\${refs[@]}"; do opts+=(--ro-bind "$r" "$r"); done
opts+=(--bind "$workspace" "$workspace" --remount-ro / --chdir "$cwd")

# Options (and the secrets among them) reach bwrap through a pipe, never its command line.
exec 3< <(printf '%s\\0' "\${opts[@]}")
exec env -i /usr/bin/prlimit "--cpu=$cpu:$((cpu + 1))" "--fsize=$fsize" "--nproc=$nproc" --nofile=1024 --core=0 -- \\
  /usr/bin/timeout -k 2 "$wall" \\
  /usr/bin/setpriv "--reuid=$AGENT" "--regid=$AGENT" --init-groups --no-new-privs --inh-caps=-all --bounding-set=-all -- \\
  /usr/bin/bwrap --args 3 -- "$@"
`;
}

export interface LauncherCall {
  readonly limits: Limits;
  readonly tmpBytes: number;
  readonly workspace: string;
  readonly cwd: string;
  readonly references: readonly string[];
  readonly runtime: readonly string[];
  readonly program: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** The launcher's arguments and the environment block for its standard input. */
export function launcherInvocation(call: LauncherCall): { args: string[]; stdinPrefix: Buffer } {
  const wallSeconds = Math.max(1, Math.ceil(call.limits.wallTimeoutMs / 1000) + 1);
  const args = [
    launcherProtocol,
    String(call.limits.cpuSeconds),
    String(call.limits.fileSizeMb * 1024 * 1024),
    String(call.limits.maxProcesses),
    String(call.tmpBytes),
    String(wallSeconds),
    call.workspace,
    call.cwd,
    String(call.references.length),
    ...call.references,
    String(call.runtime.length),
    ...call.runtime,
    '--',
    call.program,
    ...call.args,
  ];
  const records = Object.entries(call.env).map(([name, value]) => `${name}=${value}\0`);
  return { args, stdinPrefix: Buffer.from(`${records.join('')}\0`, 'utf8') };
}
