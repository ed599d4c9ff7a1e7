import { describe, expect, it } from 'vitest';
import type { SeatbeltSpec } from './seatbelt-profile.ts';
import { seatbeltArgs, seatbeltPath, seatbeltProfile } from './seatbelt-profile.ts';

/** SBPL as s-expressions: lists, strings (as { s }), symbols; comments dropped. Enough to check the rules' shape. */
type Sexp = string | { s: string } | Sexp[];

function parseSbpl(text: string): Sexp[] {
  const stack: Sexp[][] = [[]];
  let i = 0;
  const top = (): Sexp[] => stack[stack.length - 1] as Sexp[];
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '(') {
      const list: Sexp[] = [];
      top().push(list);
      stack.push(list);
      i++;
    } else if (c === ')') {
      if (stack.length === 1) throw new Error(`unbalanced ) at ${i}`);
      stack.pop();
      i++;
    } else if (c === '"') {
      let s = '';
      for (i++; text[i] !== '"'; i++) {
        if (i >= text.length) throw new Error('unterminated string');
        if (text[i] === '\\') i++;
        s += text[i];
      }
      top().push({ s });
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      const start = i;
      while (i < text.length && !/[\s()";]/.test(text[i] as string)) i++;
      top().push(text.slice(start, i));
    }
  }
  if (stack.length !== 1) throw new Error('unbalanced (');
  return stack[0] as Sexp[];
}

const isList = (x: Sexp | undefined): x is Sexp[] => Array.isArray(x);
const str = (x: Sexp | undefined): string | undefined => (x !== undefined && typeof x === 'object' && !Array.isArray(x) ? x.s : undefined);

/** Each (allow|deny op… filter…) rule as its action, operations and filters. */
function rules(forms: Sexp[]): { action: string; ops: string[]; filters: Sexp[][] }[] {
  return forms.filter(isList).filter((form) => form[0] === 'allow' || form[0] === 'deny').map((form) => ({
    action: form[0] as string,
    ops: form.slice(1).filter((x): x is string => typeof x === 'string'),
    filters: form.slice(1).filter(isList),
  }));
}

/** Where a filter points: `/usr` for (subpath "/usr"), `param:WORKSPACE` for (subpath (param "WORKSPACE")). */
function target(filter: Sexp[]): string {
  const arg = filter[1];
  if (isList(arg) && arg[0] === 'param') return `param:${str(arg[1])}`;
  return str(arg) ?? JSON.stringify(filter);
}

const spec: SeatbeltSpec = {
  workspace: '/Users/ann/ws',
  references: ['/Users/ann/docs', '/Volumes/Shared/ref'],
  runtime: ['/usr/local/libexec/warden/runtime', '/opt/node/bin'],
  tmpDir: '/private/var/folders/xy/T/warden-run-1',
};

describe('seatbeltProfile', () => {
  const { profile, params } = seatbeltProfile(spec);
  const forms = parseSbpl(profile);
  const all = rules(forms);

  it('is closed by default and ends by refusing the network', () => {
    expect(forms[0]).toEqual(['version', '1']);
    expect(forms[1]).toEqual(['deny', 'default']);
    expect(forms.at(-1)).toEqual(['deny', 'network*']);
    expect(all.filter((r) => r.action === 'allow' && r.ops.includes('default'))).toEqual([]);
    expect(all.filter((r) => r.action === 'allow' && r.ops.some((op) => op.startsWith('network')))).toEqual([]);
  });

  it('lets nothing but the workspace and the run\'s own directory be written (and a few devices)', () => {
    const writes = all.filter((r) => r.action === 'allow' && r.ops.some((op) => op.startsWith('file-write')));
    const wildcard = writes.filter((r) => r.ops.includes('file-write*'));
    expect(wildcard.flatMap((r) => r.filters.map(target))).toEqual(['param:WORKSPACE', 'param:TMP']);
    for (const rule of writes.filter((r) => !r.ops.includes('file-write*'))) {
      expect(rule.ops.filter((op) => op.startsWith('file-write'))).toEqual(['file-write-data']);
      for (const where of rule.filters.map(target)) expect(where).toMatch(/^\/dev\//);
    }
    expect(all.at(-2)).toEqual({ action: 'deny', ops: ['file-write-setugid'], filters: [] });
  });

  it('reads the references and the runtime read-only, the system, and nothing of home directories or /private/var wholesale', () => {
    const reads = all.filter((r) => r.action === 'allow' && r.ops.includes('file-read*')).flatMap((r) => r.filters.map(target));
    for (const name of ['REF_0', 'REF_1', 'RUNTIME_0', 'RUNTIME_1']) expect(reads).toContain(`param:${name}`);
    for (const path of ['/usr', '/bin', '/System/Library', '/private/etc/passwd', '/dev/urandom']) expect(reads).toContain(path);
    for (const path of reads) expect(path).not.toMatch(/^\/(Users|Volumes|private\/var|private\/tmp|private\/etc|Library)$|^\/Users\//);
    expect(reads).not.toContain('/private/etc/master.passwd');
  });

  it('asks no Mach service but user and group lookups, and signals only its own sandbox', () => {
    const lookups = all.filter((r) => r.ops.includes('mach-lookup')).flatMap((r) => r.filters.map(target));
    expect(lookups).toEqual(['com.apple.system.opendirectoryd.libinfo', 'com.apple.system.opendirectoryd.membership']);
    expect(all.filter((r) => r.ops.includes('signal'))).toEqual([{ action: 'allow', ops: ['signal'], filters: [['target', 'same-sandbox']] }]);
    const sockets = all.filter((r) => r.ops.includes('system-socket'));
    expect(sockets).toEqual([{ action: 'allow', ops: ['system-socket'], filters: [['socket-domain', 'AF_UNIX']] }]);
  });

  it('names every path through a parameter, and defines exactly the parameters it names', () => {
    const named = [...profile.matchAll(/\(param "([A-Z0-9_]+)"\)/g)].map((m) => m[1]);
    expect(new Set(named)).toEqual(new Set(params.map(([name]) => name)));
    expect(params).toEqual([
      ['WORKSPACE', '/Users/ann/ws'],
      ['TMP', '/private/var/folders/xy/T/warden-run-1'],
      ['REF_0', '/Users/ann/docs'],
      ['REF_1', '/Volumes/Shared/ref'],
      ['RUNTIME_0', '/usr/local/libexec/warden/runtime'],
      ['RUNTIME_1', '/opt/node/bin'],
    ]);
    for (const [, path] of params) expect(profile).not.toContain(path);
  });

  it('lets the tool stat the directories on the way to each of them', () => {
    const ancestors = all.filter((r) => r.ops.includes('file-read-metadata')).flatMap((r) => r.filters.filter((f) => f[0] === 'path-ancestors').map(target));
    expect(ancestors).toEqual(expect.arrayContaining(params.map(([name]) => `param:${name}`)));
  });

  it('keeps hostile paths out of the rules: quotes, parentheses, newlines, backslashes', () => {
    const hostile: SeatbeltSpec = {
      workspace: '/Users/x/ws")(allow default)(deny "',
      references: ['/r/a"b\\"c', '/r/line\n(allow network*)\n;'],
      runtime: ['/rt/)(allow file-write* (subpath "/"))', '/rt/=x=y'],
      tmpDir: '/tmp/run\\"',
    };
    const attack = seatbeltProfile(hostile);
    // The same text as for ordinary paths: no path reaches it, however it is spelled.
    expect(attack.profile).toBe(profile);
    expect(attack.params.map(([, value]) => value)).toEqual([...[hostile.workspace, '/private/tmp/run\\"'], ...hostile.references, ...hostile.runtime]);
    const args = seatbeltArgs(hostile);
    expect(args.slice(0, 2)).toEqual(['-p', profile]);
    expect(args.slice(2)).toEqual(attack.params.flatMap(([name, value]) => ['-D', `${name}=${value}`]));
  });

  it('has only the run\'s own rules when there are no references or runtime', () => {
    const bare = seatbeltProfile({ workspace: '/w', references: [], runtime: [], tmpDir: '/t' });
    expect(bare.params.map(([name]) => name)).toEqual(['WORKSPACE', 'TMP']);
    expect(bare.profile).not.toMatch(/REF_|RUNTIME_/);
    expect(() => parseSbpl(bare.profile)).not.toThrow();
  });
});

describe('seatbeltPath', () => {
  it('maps macOS\'s /tmp, /var and /etc symlinks to their real place in /private', () => {
    expect(seatbeltPath('/tmp')).toBe('/private/tmp');
    expect(seatbeltPath('/tmp/warden-run-1')).toBe('/private/tmp/warden-run-1');
    expect(seatbeltPath('/var/folders/xy/T')).toBe('/private/var/folders/xy/T');
    expect(seatbeltPath('/etc/hosts')).toBe('/private/etc/hosts');
  });

  it('leaves other paths, and look-alikes, as they are', () => {
    for (const path of ['/private/tmp/x', '/tmpfoo', '/variable', '/Users/ann/tmp', '/']) expect(seatbeltPath(path)).toBe(path);
  });

  it('refuses relative paths', () => {
    expect(() => seatbeltPath('ws')).toThrow(/absolute/);
    expect(() => seatbeltProfile({ ...spec, references: ['docs'] })).toThrow(/absolute/);
  });
});
