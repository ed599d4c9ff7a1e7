import { parseArgs } from 'node:util';
import { wardenVersion } from '../core/index.ts';
import { commands, helpText, isCommandName } from './commands.ts';
import { CliError, exitCodes } from './exit-codes.ts';
import { serveCommand } from './serve-command.ts';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** Runs one `warden` command line; returns the exit code and never throws. */
export async function runCli(argv: readonly string[], io: CliIo = consoleIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
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
    if (name === 'serve') {
      const { values } = parseArgs({
        args: [...rest],
        options: { port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' } },
        strict: true,
        allowPositionals: false,
      });
      return await serveCommand({ port: values.port, host: values.host, dataDir: values['data-dir'], out: io.out });
    }
    const info = commands[name];
    io.err(`warden ${name} is not yet available: it arrives with ${info.arrivesWith}.`);
    io.err(`Usage when it lands: warden ${info.usage}`);
    return exitCodes.notYetAvailable;
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`${error.message}. Run "warden help" for usage.`);
      return exitCodes.usage;
    }
    io.err(`warden ${name ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
    return exitCodes.failure;
  }
}
