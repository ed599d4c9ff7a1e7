import { describe, expect, it } from 'vitest';
import { commands } from './commands.ts';
import { exitCodes } from './exit-codes.ts';
import { runCli } from './run-cli.ts';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('warden CLI', () => {
  it('lists every command of DESIGN.md in its help', async () => {
    const { code, out } = await run(['help']);
    expect(code).toBe(0);
    for (const name of ['serve', 'tool', 'agent', 'audit', 'secrets', 'doctor', 'panic', 'setup-sandbox']) {
      expect(out).toContain(`warden ${name}`);
    }
    expect(Object.keys(commands).sort()).toEqual(['agent', 'audit', 'doctor', 'panic', 'secrets', 'serve', 'setup-sandbox', 'tool']);
  });

  it('rejects unknown commands and options with a usage error', async () => {
    expect(await run(['frobnicate'])).toMatchObject({ code: exitCodes.usage });
    const bad = await run(['serve', '--bogus']);
    expect(bad.code).toBe(exitCodes.usage);
    expect(bad.err).toContain('warden help');
  });

  it('refuses to serve on a non-loopback address or a bad port', async () => {
    const wide = await run(['serve', '--host', '0.0.0.0']);
    expect(wide.code).toBe(exitCodes.usage);
    expect(wide.err).toContain('127.0.0.1 only');
    expect(wide.err).toContain('ssh -L');
    expect((await run(['serve', '--port', '70000'])).code).toBe(exitCodes.usage);
  });
});
