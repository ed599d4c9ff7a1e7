/**
 * The sandboxed child: runs one tool implementation and exits. Started by the runner as
 * `node child-entry.ts` inside bubblewrap under the sandbox user, with nothing but its request
 * on standard input: no handle to the audit trail, the data dir or the keychain (none of them is
 * mounted, and their files belong to the console's user). It imports the implementations only,
 * not the manifests, so it does not load zod.
 */
import { sandboxTools } from '../tools/sandbox-tools.ts';
import { ToolError } from '../tools/safe-fs.ts';
import type { ChildRequest, ChildResponse } from './child-protocol.ts';
import { childProtocolVersion } from './child-protocol.ts';

async function handle(request: ChildRequest): Promise<ChildResponse> {
  if (request.v !== childProtocolVersion) return { ok: false, error: `The sandbox runtime speaks protocol ${childProtocolVersion}, not ${String(request.v)}: re-run sudo warden setup-sandbox.` };
  if (request.mode === 'ping') return { ok: true, value: { uid: process.getuid?.() ?? -1, node: process.version } };
  const tool = sandboxTools[request.tool];
  if (tool === undefined) return { ok: false, error: `${request.tool} has no sandboxed implementation.` };
  if (request.mode === 'preview') {
    if (tool.preview === undefined) return { ok: false, error: `${request.tool} has no preview.` };
    return { ok: true, value: await tool.preview(request.args, request.context) };
  }
  return { ok: true, value: await tool.run(request.args, request.context) };
}

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  let response: ChildResponse;
  try {
    response = await handle(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChildRequest);
  } catch (error) {
    response = { ok: false, error: error instanceof ToolError ? error.message : `The tool failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  process.stdout.write(JSON.stringify(response));
}

await main();
