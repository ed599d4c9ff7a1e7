export const exitCodes = {
  ok: 0,
  failure: 1,
  usage: 2,
} as const;

/** An error meant for the person at the terminal: printed as is, without a stack. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = exitCodes.failure) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
