import { wardenVersion } from '../core/index.ts';
import { WardenError } from '../contract/index.ts';
import { agentCommand } from './agent-command.ts';
import { auditCommand } from './audit-command.ts';
import { helpText, isCommandName } from './commands.ts';
import { CliError, exitCodes } from './exit-codes.ts';
import { secretsCommand } from './secrets-command.ts';
import { setupSandboxCommand } from './setup-sandbox-command.ts';
import { toolCommand } from './tool-command.ts';
import { doctorCommand } from './doctor-command.ts';
import { panicCommand } from './panic-command.ts';
import { serveCommand } from './serve-command.ts';
import { parseArgs } from 'node:util';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  readValue?: (prompt: string) => Promise<string>;
}

const consoleIo: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** Takes `--data-dir DIR` / `--data-dir=DIR` from anywhere in the arguments: every command accepts it. */
export function takeDataDir(argv: readonly string[]): { dataDir: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--data-dir') {
      dataDir = argv[++i];
      if (dataDir === undefined || dataDir.startsWith('--')) throw new CliError('--data-dir needs a directory.', exitCodes.usage);
    } else if (arg.startsWith('--data-dir=')) {
      dataDir = arg.slice('--data-dir='.length);
    } else {
      rest.push(arg);
    }
  }
  return { dataDir, rest };
}

/** Runs one `warden` command line; returns the exit code and never throws. */
export async function runCli(argv: readonly string[], io: CliIo = consoleIo): Promise<number> {
  const [name] = argv;
  try {
    const { dataDir, rest } = takeDataDir(argv.slice(1));
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      io.out(helpText(wardenVersion));
      return name === undefined ? exitCodes.usage : exitCodes.ok;
    }
    if (name === '--version' || name === '-v') {
      io.out(wardenVersion);
      return exitCodes.ok;
    }
    if (!isCommandName(name)) {
      throw new CliError(`Unknown command "${name}". Run "warden help" for the list.`, exitCodes.usage);
    }
    switch (name) {
      case 'serve': {
        const { values } = parseArgs({ args: rest, options: { port: { type: 'string' }, host: { type: 'string' } } });
        return await serveCommand({ port: values.port, host: values.host, dataDir, out: io.out });
      }
      case 'audit':
        return await auditCommand(rest, dataDir, io);
      case 'secrets':
        return await secretsCommand(rest, dataDir, io);
      case 'tool':
        return await toolCommand(rest, dataDir, io);
      case 'agent':
        return await agentCommand(rest, dataDir, io);
      case 'panic':
        return await panicCommand(rest, dataDir, io.out);
      case 'doctor':
        return await doctorCommand(rest, dataDir, io.out);
      case 'setup-sandbox':
        return await setupSandboxCommand(rest, io.out);
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    if (error instanceof WardenError) {
      io.err(error.message);
      return exitCodes.failure;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`${error.message}. Run "warden help" for usage.`);
      return exitCodes.usage;
    }
    io.err(`warden ${name ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
    return exitCodes.failure;
  }
}
