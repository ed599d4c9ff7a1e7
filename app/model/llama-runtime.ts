import { getLlama } from 'node-llama-cpp';
import type { Llama } from 'node-llama-cpp';

let shared: Promise<Llama> | undefined;

/**
 * The process's one llama.cpp runtime, started on first use (it takes 0.3–1 s: binaries, backend
 * probing). GPU when one works (Metal, CUDA, Vulkan), else the CPU. Never builds llama.cpp from
 * source: on a machine without a usable prebuilt binary, loading fails with node-llama-cpp's
 * NoBinaryFoundError instead of starting a long compile behind a progress bar.
 */
export function sharedLlama(): Promise<Llama> {
  shared ??= getLlama({ gpu: 'auto', build: 'never', progressLogs: false }).catch((error: unknown) => {
    shared = undefined; // let a later load try again
    throw error;
  });
  return shared;
}

/**
 * Decoding threads for a context: one core fewer than llama.cpp's math cores, so the JavaScript
 * main thread (which samples every token and runs the UI or the server) keeps a core, at most 8.
 *
 * Measured with bench/model.ts on a 2-vCPU VM (CPU only, F16, other work running), decoding tok/s:
 *   tiny model (0.15M params):      threads 1 → 750–3,200   2 → 6–67    4 → 0.6–4
 *   synthetic 26M params:           threads 1 → 87          2 → 9       4 → 1
 *   synthetic 100M params:          threads 1 → 37          2 → 7–33    4 → 0.3
 * node-llama-cpp's CPU default is max(math cores, 4) = 4 here: 100–1,000× slower than 1. ggml's
 * worker threads spin while they wait for each other and for the main thread, so every thread
 * beyond the free cores costs far more than it computes. The cap of 8 is not measured here (no
 * such machine): past it, decoding is bound by memory bandwidth rather than cores.
 */
export function chooseThreads(mathCores: number): number {
  return Math.max(1, Math.min(mathCores - 1, 8));
}

export const defaultMaxContextSize = 4096;

/**
 * The context size to ask node-llama-cpp for: up to the model's trained length and `cap`, and it
 * shrinks the request to what fits in free (V)RAM, down to `min`. 4096 by default: an agent step
 * with tool docs and a result or two fits, and the KV cache of a 7–8B model stays near 0.5 GB.
 */
export function contextSizeRange(trained: number | null, cap: number = defaultMaxContextSize): { min: number; max: number } {
  const max = Math.max(256, Math.min(trained ?? cap, cap));
  return { min: Math.min(1024, max), max };
}
