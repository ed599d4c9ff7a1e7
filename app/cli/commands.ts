/** The stable command names of DESIGN.md, with their usage and what each does. */
export interface CommandInfo {
  readonly usage: string;
  readonly summary: string;
}

export const commands = {
  serve: { usage: 'serve [--port N] [--data-dir DIR]', summary: 'headless console on 127.0.0.1; prints a one-time login link' },
  tool: {
    usage: 'tool NAME --args JSON [--json]',
    summary: 'one tool call through validation, policy, approval, sandbox and audit',
  },
  agent: {
    usage: 'agent "TASK" [--model FILE.gguf | --script FILE.json] [--max-steps N] [--json]',
    summary: 'one agent session; through the running console when there is one, so its approvals are answered there',
  },
  audit: {
    usage: 'audit search QUERY [filters] [--json] | verify [--json] | export --format jsonl|csv --out FILE | stats',
    summary: 'search, verify and export the tamper-evident audit trail',
  },
  secrets: {
    usage: 'secrets list | set NAME (value on stdin) | rotate NAME | rm NAME',
    summary: 'secrets kept in the OS keychain',
  },
  doctor: {
    usage: 'doctor [--json]',
    summary: 'production-readiness checks; non-zero exit when one fails',
  },
  panic: {
    usage: 'panic [--reason TEXT]',
    summary: 'kill switch: stop the agent, kill runs, deny pending, lock tools',
  },
  'setup-sandbox': {
    usage: 'setup-sandbox [--uninstall] [--console-user USER] [--workspace DIR]',
    summary: '(root) create the dedicated user and workspace',
  },
} as const satisfies Record<string, CommandInfo>;

export type CommandName = keyof typeof commands;

export const isCommandName = (name: string): name is CommandName => Object.hasOwn(commands, name);

export function helpText(version: string): string {
  const lines = Object.values(commands).flatMap((c: CommandInfo) => [
    `  warden ${c.usage}`,
    `      ${c.summary}`,
  ]);
  return [
    `Warden ${version}: a console for running a local AI agent safely.`,
    '',
    'Usage:',
    ...lines,
    '',
    'Every command accepts --data-dir DIR (or WARDEN_DATA_DIR). --json prints one JSON document.',
    'From a checkout: npm run -s warden -- COMMAND ...',
  ].join('\n');
}
