import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CliEndpoint } from '../core/index.ts';
import { assertLoopbackBind, createWarden, loadConfig, startCliEndpoint } from '../core/index.ts';
import type { RunningServer } from '../server/index.ts';
import { startServer } from '../server/index.ts';
import { CliError, exitCodes } from './exit-codes.ts';

export const defaultPort = 7420;
export const defaultRendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export interface ServeOptions {
  port?: string | undefined;
  host?: string | undefined;
  dataDir?: string | undefined;
  rendererDir?: string;
  out?: (line: string) => void;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return defaultPort;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new CliError(`--port must be a number from 0 to 65535 (0 picks a free port), not "${value}".`, exitCodes.usage);
  }
  return port;
}

/** `warden serve`: runs until SIGINT/SIGTERM; resolves once the server has closed. */
export async function serveCommand(options: ServeOptions): Promise<number> {
  const out = options.out ?? ((line: string) => console.log(line));
  const port = parsePort(options.port);
  const host = options.host ?? '127.0.0.1';
  try {
    assertLoopbackBind(host);
  } catch (error) {
    throw new CliError((error as Error).message, exitCodes.usage);
  }
  const rendererDir = options.rendererDir ?? defaultRendererDir;
  if (!existsSync(`${rendererDir}/index.html`)) {
    throw new CliError(
      `The console UI is not built (${rendererDir} has no index.html). Run "npm run build:renderer" ` +
        '(npm run serve does it for you), then start again.',
    );
  }
  const config = loadConfig({ shell: 'headless', dataDir: options.dataDir });
  const warden = await createWarden(config);
  let first = true;
  let server: RunningServer | undefined;
  let cli: CliEndpoint;
  try {
    server = await startServer({
      warden,
      rendererDir,
      port,
      host,
      onLoginUrl: (url) => {
        out(first ? `Login link (works once): ${url}` : `The last login link was used. Next one-time link: ${url}`);
        first = false;
      },
    });
    // `warden tool`, `warden agent` and `warden panic` on this data dir reach this console there.
    cli = await startCliEndpoint(warden);
  } catch (error) {
    await server?.close();
    await warden.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`Port ${port} is in use. Choose another with --port N (0 picks a free one).`);
    throw error;
  }
  out(`Warden console on ${server.origin} (data dir ${config.dataDir})`);
  out(`The current link is also in ${server.tokenFile} (mode 0600).`);
  out(`From another machine: ssh -L ${server.port}:127.0.0.1:${server.port} USER@THIS-HOST, then open the link there.`);
  out('Press Ctrl+C to stop.');

  const running = server;
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      // Commands first, so that none is mid-call when the core closes under it.
      void cli.close().then(() => running.close()).then(() => warden.close()).then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return exitCodes.ok;
}
