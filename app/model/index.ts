/**
 * The model area, without node-llama-cpp: importing it costs ~1.3 s, so the real host and what
 * reads GGUF headers are imported on their own, when a model is actually used:
 *   const { LlamaHost } = await import('../model/llama-host.ts');
 * (also gguf-metadata.ts for inspect/checkModelPath, model-download.ts, llama-runtime.ts).
 */
export * from './action-schema.ts';
export * from './grammar-schema.ts';
export * from './model-error.ts';
export type * from './model-host.ts';
export * from './model-script.ts';
export * from './scripted-host.ts';
export * from './tiny-gguf.ts';
