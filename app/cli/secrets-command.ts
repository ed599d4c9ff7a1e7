import { parseArgs } from 'node:util';
import type { SecretInfo } from '../contract/index.ts';
import { request, withCore } from './cli-core.ts';
import { CliError, exitCodes } from './exit-codes.ts';
import { readSecretValue } from './read-secret-value.ts';
import { textTable } from './text-table.ts';

export interface SecretsCommandIo {
  out: (line: string) => void;
  /** Reads the value (stdin); injectable for tests. */
  readValue?: (prompt: string) => Promise<string>;
}

const usage = 'warden secrets list [--json] | set NAME [--env VAR] [--tools a,b] [--description TEXT] [--rotation-days N] | rotate NAME | rm NAME';

const splitTools = (value: string | undefined) => (value ?? '').split(',').map((t) => t.trim()).filter(Boolean);

function describe(secret: SecretInfo): string[] {
  return [
    secret.name,
    secret.envVar,
    secret.tools.join(',') || '(none)',
    secret.status,
    secret.lastUsedAt ?? 'never',
    secret.rotationDueAt ? secret.rotationDueAt.slice(0, 10) : '-',
  ];
}

/** `warden secrets list | set | rotate | rm`: values only ever come from stdin and go to the keychain. */
export async function secretsCommand(args: readonly string[], dataDir: string | undefined, io: SecretsCommandIo): Promise<number> {
  const [sub, ...rest] = args;
  const readValue = io.readValue ?? readSecretValue;
  switch (sub) {
    case 'list': {
      const { values } = parseArgs({ args: [...rest], options: { json: { type: 'boolean' } } });
      const list = await withCore(dataDir, (warden) => request(warden, 'secrets.list', {}));
      if (values.json) {
        io.out(JSON.stringify(list, null, 2));
        return exitCodes.ok;
      }
      const status = list.keychain;
      if (status.state !== 'available') io.out(`Keychain ${status.state}: ${status.message}`);
      io.out(
        list.secrets.length === 0
          ? 'No secrets stored. Add one with: warden secrets set NAME < value-file'
          : textTable(['NAME', 'ENV VAR', 'TOOLS', 'STATUS', 'LAST USED', 'ROTATE BY'], list.secrets.map(describe)),
      );
      return exitCodes.ok;
    }
    case 'set': {
      const { values, positionals } = parseArgs({
        args: [...rest],
        options: {
          env: { type: 'string' },
          tools: { type: 'string' },
          description: { type: 'string' },
          'rotation-days': { type: 'string' },
        },
        allowPositionals: true,
      });
      const name = onlyName(positionals, 'set');
      const value = await readValue(`Value for ${name} (not shown): `);
      const saved = await withCore(dataDir, (warden) =>
        request(warden, 'secrets.set', {
          name,
          value,
          tools: splitTools(values.tools),
          description: values.description ?? '',
          rotationDays: values['rotation-days'] === undefined ? null : Number(values['rotation-days']),
          ...(values.env ? { envVar: values.env } : {}),
        }),
      );
      io.out(`Stored ${saved.name} in the OS keychain; tools that receive it as $${saved.envVar}: ${saved.tools.join(', ') || 'none yet'}.`);
      return exitCodes.ok;
    }
    case 'rotate': {
      const { positionals } = parseArgs({ args: [...rest], allowPositionals: true });
      const name = onlyName(positionals, 'rotate');
      const value = await readValue(`New value for ${name} (not shown): `);
      await withCore(dataDir, (warden) => request(warden, 'secrets.rotate', { name, value }));
      io.out(`Rotated ${name}.`);
      return exitCodes.ok;
    }
    case 'rm': {
      const { positionals } = parseArgs({ args: [...rest], allowPositionals: true });
      const name = onlyName(positionals, 'rm');
      await withCore(dataDir, (warden) => request(warden, 'secrets.remove', { name }));
      io.out(`Removed ${name} from the keychain.`);
      return exitCodes.ok;
    }
    default:
      throw new CliError(`Usage: ${usage}`, exitCodes.usage);
  }
}

function onlyName(positionals: readonly string[], sub: string): string {
  const [name, extra] = positionals;
  if (name === undefined) throw new CliError(`warden secrets ${sub} needs a NAME.`, exitCodes.usage);
  if (extra !== undefined) {
    throw new CliError(
      `warden secrets ${sub} takes only a NAME; a value is never accepted as an argument (others can read it in the process list). Pipe it on standard input.`,
      exitCodes.usage,
    );
  }
  return name;
}
