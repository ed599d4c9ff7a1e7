import { deletePathTool } from './delete-path.ts';
import { listDirTool } from './list-dir.ts';
import type { SandboxTool } from './manifest.ts';
import { movePathTool } from './move-path.ts';
import { readFileTool } from './read-file.ts';
import { searchFilesTool } from './search-files.ts';
import { writeFileTool } from './write-file.ts';

/**
 * The implementations the sandboxed child runs, by tool name. Kept apart from the manifests so
 * the child does not load zod (a third of its start-up time): its arguments were parsed by the core.
 * run_command has no entry: the runner starts the program itself.
 */
export const sandboxTools: Readonly<Record<string, SandboxTool<unknown>>> = {
  list_dir: listDirTool,
  read_file: readFileTool,
  search_files: searchFilesTool,
  write_file: writeFileTool,
  move_path: movePathTool,
  delete_path: deletePathTool,
} as Readonly<Record<string, SandboxTool<unknown>>>;
