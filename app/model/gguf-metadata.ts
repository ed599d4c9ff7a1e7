import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { GgufFileType, JinjaTemplateChatWrapper, readGgufFileInfo, resolveChatWrapper } from 'node-llama-cpp';
import type { ChatWrapper, GgufFileInfo } from 'node-llama-cpp';
import { ModelPathSchema } from '../contract/model.ts';
import type { ModelMetadata } from '../contract/model.ts';
import { ModelError, throwIfAborted } from './model-error.ts';

/**
 * Chat wrappers node-llama-cpp builds from a model family's own function-calling format (the
 * one it was trained on). The rest (ChatML, General, Llama 2, Gemma, Alpaca, ...) get a generic
 * "||call:" syntax that models do not follow by themselves: those models use the JSON grammar.
 */
const nativeToolWrappers: ReadonlySet<string> = new Set([
  'Llama 3.1',
  'Llama 3.2 lightweight',
  'Functionary',
  'Qwen',
  'Mistral',
  'DeepSeek',
  'Harmony',
  'Seed',
  'Gemma 4',
  'Muse',
]);

export function toolCallingOf(wrapper: ChatWrapper | null): ModelMetadata['toolCalling'] {
  if (wrapper === null) return 'grammar';
  if (wrapper instanceof JinjaTemplateChatWrapper) return wrapper.usingJinjaFunctionCallTemplate ? 'native' : 'grammar';
  return nativeToolWrappers.has(wrapper.wrapperName) ? 'native' : 'grammar';
}

/**
 * Checks a model path the person gave: absolute, `.gguf`, an existing regular file (a symlink to
 * one is fine). Everything that reads or loads a model file goes through this first.
 */
export async function checkModelPath(path: string): Promise<{ sizeBytes: number }> {
  const parsed = ModelPathSchema.safeParse(path);
  if (!parsed.success) throw new ModelError('invalid_path', parsed.error.issues[0]?.message ?? 'Not a usable model path.');
  let stats;
  try {
    stats = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ModelError('not_found', `There is no file at ${path}.`);
    throw new ModelError('invalid_path', `Cannot read ${path} (${code ?? 'unknown error'}).`);
  }
  if (!stats.isFile()) throw new ModelError('invalid_path', `${path} is not a regular file.`);
  return { sizeBytes: stats.size };
}

const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null);

function quantisationOf(fileType: unknown): string | null {
  if (typeof fileType !== 'number') return null;
  const name: string | undefined = GgufFileType[fileType];
  // "MOSTLY_Q4_K_M" → "Q4_K_M", "ALL_F32" → "F32": the names people see on model pages.
  return name === undefined ? `type ${fileType}` : name.replace(/^(MOSTLY|ALL)_/, '');
}

function parameterCount(info: GgufFileInfo): number | null {
  if (info.fullTensorInfo === undefined || info.fullTensorInfo.length === 0) return null;
  let total = 0;
  for (const tensor of info.fullTensorInfo) total += tensor.dimensions.reduce<number>((n, dim) => n * Number(dim), 1);
  return total;
}

/** Metadata of an already-parsed file; also used after loading, with the wrapper actually chosen. */
export function describeGguf(path: string, sizeBytes: number, info: GgufFileInfo, wrapper: ChatWrapper | null): ModelMetadata {
  const general = info.metadata.general;
  const tokenizer: { chat_template?: unknown } | undefined = info.metadata.tokenizer;
  const architecture = info.architectureMetadata;
  return {
    path,
    fileName: basename(path),
    sizeBytes,
    ggufVersion: info.version,
    name: typeof general.name === 'string' && general.name !== '' ? general.name : null,
    architecture: String(general.architecture),
    parameters: parameterCount(info),
    sizeLabel: typeof general.size_label === 'string' && general.size_label !== '' ? general.size_label : null,
    quantisation: quantisationOf(general.file_type),
    contextLength: count(architecture.context_length),
    layers: count(architecture.block_count),
    chatTemplate: {
      present: typeof tokenizer?.chat_template === 'string' && tokenizer.chat_template !== '',
      wrapper: wrapper?.wrapperName ?? null,
    },
    toolCalling: toolCallingOf(wrapper),
  };
}

/**
 * Reads only the GGUF header (metadata and tensor infos): no weights, no llama.cpp runtime.
 * `chatWrapper: false` skips resolving the chat wrapper, which renders the Jinja template against
 * every known format (0.2–1 s on 2 cores): a load resolves it once, from the loaded model.
 */
export async function inspectModelFile(
  path: string,
  options: { signal?: AbortSignal | undefined; chatWrapper?: boolean } = {},
): Promise<{ metadata: ModelMetadata; info: GgufFileInfo }> {
  const { signal, chatWrapper = true } = options;
  const { sizeBytes } = await checkModelPath(path);
  throwIfAborted(signal);
  let info: GgufFileInfo;
  try {
    info = await readGgufFileInfo(path, { sourceType: 'filesystem', logWarnings: false, ...(signal ? { signal } : {}) });
  } catch (error) {
    throwIfAborted(signal);
    throw new ModelError('invalid_file', `${basename(path)} is not a readable GGUF file: ${(error as Error).message}`, { cause: error });
  }
  return { metadata: describeGguf(path, sizeBytes, info, chatWrapper ? wrapperFromHeader(path, info) : null), info };
}

/** The chat wrapper node-llama-cpp would pick, from the header alone (the BOS string helps it tell templates apart). */
function wrapperFromHeader(path: string, info: GgufFileInfo): ChatWrapper | null {
  const tokenizer = info.metadata.tokenizer?.ggml;
  const bosId = tokenizer?.bos_token_id;
  const bosString = typeof bosId === 'number' ? tokenizer?.tokens?.[bosId] : undefined;
  try {
    return resolveChatWrapper({ fileInfo: info, filename: basename(path), warningLogs: false, ...(bosString === undefined ? {} : { bosString }) });
  } catch {
    // A template node-llama-cpp cannot parse: show "no wrapper"; loading will say more.
    return null;
  }
}
