import { z } from 'zod';
import type { ToolManifest } from './manifest.ts';

/**
 * Every tool the agent can call. There is deliberately no "execute anything" tool: run_command
 * takes an argument vector (never a shell string) and starts only allowlisted programs.
 */

const pathArg = z
  .string()
  .min(1, 'Give a path.')
  .max(4096, 'A path is at most 4096 characters.');

const optionalDir = pathArg.default('.');

export const listDirParams = z
  .object({ path: optionalDir.describe('Directory to list, relative to the workspace or absolute. Defaults to the workspace.') })
  .strict();

export const readFileParams = z
  .object({ path: pathArg.describe('File to read, relative to the workspace or absolute.') })
  .strict();

export const searchFilesParams = z
  .object({
    query: z.string().min(1).max(1000).describe('Text to find (literal, not a regular expression).'),
    path: optionalDir.describe('Directory to search below. Defaults to the workspace.'),
    caseSensitive: z.boolean().default(false),
    maxResults: z.number().int().min(1).max(1000).default(200),
  })
  .strict();

export const writeFileParams = z
  .object({
    path: pathArg.describe('File to create or replace, inside the workspace.'),
    content: z.string().max(1_000_000).describe('The complete new content (UTF-8).'),
    createDirs: z.boolean().default(false).describe('Create missing parent directories.'),
  })
  .strict();

export const movePathParams = z
  .object({
    from: pathArg.describe('File or directory to move, inside the workspace.'),
    to: pathArg.describe('New path inside the workspace; must not exist yet.'),
  })
  .strict();

export const deletePathParams = z
  .object({
    path: pathArg.describe('File or directory to delete, inside the workspace.'),
    recursive: z.boolean().default(false).describe('Delete a non-empty directory with everything in it.'),
  })
  .strict();

const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'Not a valid HTTP header name.');
const headerValue = z.string().max(8192).regex(/^[^\r\n\0]*$/, 'A header value may not contain line breaks or NUL.');

export const httpRequestParams = z
  .object({
    url: z.string().min(1).max(8192).describe('An https:// URL on an allowlisted host.'),
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
    headers: z.record(headerName, headerValue).default({}).refine((h) => Object.keys(h).length <= 50, 'At most 50 headers.'),
    body: z.string().max(1_000_000).optional(),
  })
  .strict();

export const runCommandParams = z
  .object({
    argv: z
      .array(z.string().max(4096).refine((arg) => !arg.includes('\0'), 'An argument may not contain a NUL byte.'))
      .min(1, 'Give the program and its arguments as a list, e.g. ["git", "status"].')
      .max(256)
      .describe('Program and arguments as separate strings. No shell: no pipes, globs, redirections or variables.'),
    cwd: optionalDir.describe('Working directory, inside the workspace or a reference directory. Defaults to the workspace.'),
    stdin: z.string().max(1_000_000).optional().describe('Text given to the program on standard input.'),
  })
  .strict();

export type ListDirArgs = z.infer<typeof listDirParams>;
export type ReadFileArgs = z.infer<typeof readFileParams>;
export type SearchFilesArgs = z.infer<typeof searchFilesParams>;
export type WriteFileArgs = z.infer<typeof writeFileParams>;
export type MovePathArgs = z.infer<typeof movePathParams>;
export type DeletePathArgs = z.infer<typeof deletePathParams>;
export type HttpRequestArgs = z.infer<typeof httpRequestParams>;
export type RunCommandArgs = z.infer<typeof runCommandParams>;

export const listDir: ToolManifest<typeof listDirParams> = {
  name: 'list_dir',
  description: 'List the entries of a directory in the workspace or a reference directory: name, type and size. Does not follow symbolic links.',
  risk: 'read',
  params: listDirParams,
  secrets: [],
  runsIn: 'sandbox',
  paths: [{ arg: 'path', access: 'read', expect: 'dir' }],
};

export const readFile: ToolManifest<typeof readFileParams> = {
  name: 'read_file',
  description: 'Read a text file in the workspace or a reference directory. Long files are cut at the output limit; binary files are reported, not returned.',
  risk: 'read',
  params: readFileParams,
  secrets: [],
  runsIn: 'sandbox',
  paths: [{ arg: 'path', access: 'read', expect: 'file' }],
};

export const searchFiles: ToolManifest<typeof searchFilesParams> = {
  name: 'search_files',
  description: 'Find lines containing a literal text in the files below a directory of the workspace or a reference directory. Skips binary and very large files; does not follow symbolic links.',
  risk: 'read',
  params: searchFilesParams,
  secrets: [],
  runsIn: 'sandbox',
  paths: [{ arg: 'path', access: 'read', expect: 'dir' }],
};

export const writeFile: ToolManifest<typeof writeFileParams> = {
  name: 'write_file',
  description: 'Create or replace a file in the workspace with the given content. A person may be shown the diff and asked first.',
  risk: 'write',
  params: writeFileParams,
  secrets: [],
  runsIn: 'sandbox',
  paths: [{ arg: 'path', access: 'write', expect: 'file-or-absent' }],
};

export const movePath: ToolManifest<typeof movePathParams> = {
  name: 'move_path',
  description: 'Move or rename a file or directory inside the workspace. Never overwrites: the destination must not exist.',
  risk: 'write',
  params: movePathParams,
  secrets: [],
  runsIn: 'sandbox',
  paths: [
    { arg: 'from', access: 'delete', expect: 'any' },
    { arg: 'to', access: 'write', expect: 'absent' },
  ],
};

export const deletePath: ToolManifest<typeof deletePathParams> = {
  name: 'delete_path',
  description: 'Delete a file or directory in the workspace. Destructive: a person is always asked first and sees what would be deleted.',
  risk: 'destructive',
  params: deletePathParams,
  secrets: [],
  runsIn: 'sandbox',
  paths: [{ arg: 'path', access: 'delete', expect: 'any' }],
};

export const httpRequest: ToolManifest<typeof httpRequestParams> = {
  name: 'http_request',
  description: 'Make one HTTPS request to an allowlisted host and return the status, headers and (size-limited) body. No redirects are followed; plain HTTP is refused.',
  risk: 'network',
  params: httpRequestParams,
  secrets: [],
  runsIn: 'core',
  paths: [],
};

export const runCommand: ToolManifest<typeof runCommandParams> = {
  name: 'run_command',
  description: 'Run one allowlisted program with an argument list, in the sandbox, without network, with the workspace as the only writable directory. Not a shell.',
  risk: 'exec',
  params: runCommandParams,
  secrets: [],
  runsIn: 'sandbox',
  paths: [{ arg: 'cwd', access: 'read', expect: 'dir' }],
};

export const toolManifests: readonly ToolManifest[] = [listDir, readFile, searchFiles, writeFile, movePath, deletePath, httpRequest, runCommand];

const byName = new Map<string, ToolManifest>(toolManifests.map((tool) => [tool.name, tool]));

export function findTool(name: string): ToolManifest | undefined {
  return byName.get(name);
}
