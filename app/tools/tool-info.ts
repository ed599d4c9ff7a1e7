import { z } from 'zod';
import type { JsonObject, ToolInfo } from '../contract/tools.ts';
import type { ToolManifest } from './manifest.ts';

/** What `tools.list` shows of a manifest: the parameters as JSON Schema (what they accept as input). */
export function toolInfo(tool: ToolManifest, enabled: boolean): ToolInfo {
  return {
    name: tool.name,
    description: tool.description,
    risk: tool.risk,
    secrets: [...tool.secrets],
    runsIn: tool.runsIn,
    enabled,
    parameters: z.toJSONSchema(tool.params, { io: 'input' }) as JsonObject,
  };
}
