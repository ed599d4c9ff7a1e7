import { z } from 'zod';
import { event, request } from './define.ts';

/**
 * The local model: which GGUF file, what it is, whether it is loaded. The file's path comes from
 * the person at the console (a file picker in the desktop app, a typed path in the web console);
 * the schema checks its form, and the core checks that it names an existing regular file before
 * reading a byte of it (`checkModelPath` in app/model).
 */

const isAbsolute = (path: string): boolean => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);

export const ModelPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), { message: 'A path may not contain a NUL byte.' })
  .refine(isAbsolute, { message: 'Give the absolute path of the model file.' })
  .refine((p) => p.toLowerCase().endsWith('.gguf'), { message: 'A model file is a .gguf file.' });

/** What the GGUF header says, read before loading (nothing is allocated). */
export const ModelMetadataSchema = z.object({
  path: z.string().max(4096),
  fileName: z.string().max(4096),
  sizeBytes: z.number().int().nonnegative(),
  /** Null for a scripted host's script. */
  ggufVersion: z.number().int().positive().nullable(),
  /** `general.name`, when the file names itself. */
  name: z.string().max(500).nullable(),
  /** `general.architecture`: llama, qwen2, gemma3, ... */
  architecture: z.string().max(100),
  /** Counted from the tensor shapes; null when the file has no tensor infos. */
  parameters: z.number().int().nonnegative().nullable(),
  /** `general.size_label` (e.g. "8B"), when present. */
  sizeLabel: z.string().max(100).nullable(),
  /** The file type / quantisation, e.g. Q4_K_M, Q8_0, F16; null when the file does not say. */
  quantisation: z.string().max(100).nullable(),
  /** The context length the model was trained with. */
  contextLength: z.number().int().positive().nullable(),
  layers: z.number().int().nonnegative().nullable(),
  chatTemplate: z.object({
    /** Whether the file carries `tokenizer.chat_template`. */
    present: z.boolean(),
    /** The chat wrapper node-llama-cpp resolves for it (e.g. "ChatML", "Llama 3.1", "JinjaTemplate"). */
    wrapper: z.string().max(100).nullable(),
  }),
  /** How the agent gets tool calls from this model: its own function-calling template, or a JSON grammar. */
  toolCalling: z.enum(['native', 'grammar']),
});
export type ModelMetadata = z.infer<typeof ModelMetadataSchema>;

export const modelStates = ['empty', 'loading', 'ready', 'unloading', 'failed'] as const;
export const ModelStateSchema = z.enum(modelStates);
export type ModelState = z.infer<typeof ModelStateSchema>;

export const ModelStatusSchema = z.object({
  state: ModelStateSchema,
  /** `llama`: a GGUF file through node-llama-cpp; `scripted`: a replayed script (tests and demos). */
  host: z.enum(['llama', 'scripted']),
  /** The model loaded or being loaded. */
  model: ModelMetadataSchema.nullable(),
  /** Why the last load failed (state `failed`). */
  error: z.string().max(2000).nullable(),
  runtime: z
    .object({
      /** The GPU backend in use (cuda, vulkan, metal), or null on the CPU. */
      gpu: z.string().max(50).nullable(),
      gpuLayers: z.number().int().nonnegative(),
      threads: z.number().int().nonnegative(),
      contextSize: z.number().int().positive(),
    })
    .nullable(),
  /** Estimated memory of the weights plus the context. */
  memory: z.object({ ramBytes: z.number().nonnegative(), vramBytes: z.number().nonnegative() }).nullable(),
  /** Decoding speed of the last generation. */
  lastTokensPerSecond: z.number().nonnegative().nullable(),
});
export type ModelStatus = z.infer<typeof ModelStatusSchema>;

/** reading the header, starting the llama.cpp runtime, loading weights, creating the context, then ready (or failed). */
export const modelLoadPhases = ['reading', 'starting', 'loading', 'context', 'ready', 'failed'] as const;
export const ModelLoadPhaseSchema = z.enum(modelLoadPhases);
export type ModelLoadPhase = z.infer<typeof ModelLoadPhaseSchema>;

/** Load progress: the first one is pushed as soon as a load starts, so the bar moves at once. */
export const ModelProgressSchema = z.object({
  path: z.string().max(4096),
  /** Overall progress of the load, 0..1. */
  progress: z.number().min(0).max(1),
  phase: ModelLoadPhaseSchema,
});
export type ModelProgress = z.infer<typeof ModelProgressSchema>;

export const ModelDownloadInputSchema = z
  .object({
    /** An https:// URL or node-llama-cpp's hf:<user>/<repo>/<file>.gguf URI; checked again by the core. */
    url: z.string().min(4).max(2048),
    /** Hex SHA-256 the file must have; a mismatch deletes the file and fails the download. */
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/).optional(),
  })
  .strict();

export const ModelDownloadedSchema = z.object({
  path: z.string().min(1).max(4096),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const ModelDownloadProgressSchema = z.object({
  url: z.string().max(2048),
  downloadedBytes: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
});

export const modelRequests = {
  'model.inspect': request(
    "Read a GGUF file's metadata (architecture, parameters, quantisation, context length, chat template) without loading it.",
    z.object({ path: ModelPathSchema }).strict(),
    ModelMetadataSchema,
  ),
  'model.load': request(
    'Load a GGUF file as the local model (unloading the current one); answers when it is ready.',
    z.object({ path: ModelPathSchema }).strict(),
    ModelStatusSchema,
  ),
  'model.unload': request('Unload the local model and free its memory.', z.object({}).strict(), ModelStatusSchema),
  'model.status': request('The local model: what is loaded, memory, last tokens/s.', z.object({}).strict(), ModelStatusSchema),
  'model.download': request(
    'Download a GGUF by URL into the data directory (resumes a partial download, checks the SHA-256 when given). Only ever on request.',
    ModelDownloadInputSchema,
    ModelDownloadedSchema,
  ),
  'model.pick': request(
    "Ask the person for a GGUF file with the desktop app's file picker; the path is null when they cancel. Unavailable headless: type the path there.",
    z.object({}).strict(),
    // Not ModelPathSchema: what the person picked is shown as picked, and model.inspect says what is wrong with it.
    z.object({ path: z.string().max(4096).nullable() }),
  ),
};

export const modelEvents = {
  'model.progress': event('Progress of a model load.', ModelProgressSchema),
  // Past tense like the other areas' events, and not 'model.status', which is the request's name.
  'model.changed': event('The local model changed: loading, ready, unloaded, failed, or a new tokens/s figure.', ModelStatusSchema),
  'model.downloadProgress': event('Progress of a model download the person asked for.', ModelDownloadProgressSchema),
};
