import type { Handlers } from '../contract/index.ts';
import { WardenError } from '../contract/index.ts';
import type { ModelHost } from '../model/index.ts';
import type { EventHub } from './event-hub.ts';
import { ensurePrivateDir } from './paths.ts';

type ModelHandlers = Pick<Handlers, 'model.inspect' | 'model.load' | 'model.unload' | 'model.status' | 'model.pick' | 'model.download'>;

/** The desktop app's file picker: the chosen file's path, or null when the person cancelled. */
export type PickModelFile = () => Promise<string | null>;

/**
 * The local model, hosted in this process. node-llama-cpp costs ~1.3 s to import, so the real
 * host is created on first use; until then the status is answered without it.
 */
export function lazyModelHost(events: EventHub, create: () => Promise<ModelHost> = defaultHost): () => Promise<ModelHost> {
  let host: Promise<ModelHost> | undefined;
  return () =>
    (host ??= create().then((created) => {
      created.onStatus((status) => events.emit('model.changed', status));
      return created;
    }));
}

async function defaultHost(): Promise<ModelHost> {
  const { LlamaHost } = await import('../model/llama-host.ts');
  return new LlamaHost();
}

/** `pick` is the desktop shell's file picker; headless there is none, and the person types the path. */
export function modelHandlers(host: () => Promise<ModelHost>, events: EventHub, modelsDir: string, pick?: PickModelFile): ModelHandlers {
  return {
    'model.inspect': async ({ path }) => (await host()).inspect(path),
    'model.load': async ({ path }) =>
      (await host()).load(path, { onProgress: (progress) => events.emit('model.progress', progress) }),
    'model.unload': async () => {
      const model = await host();
      await model.unload();
      return model.status();
    },
    'model.status': async () => (await host()).status(),
    'model.download': async ({ url, sha256 }) => {
      // node-llama-cpp's downloader is imported only when a person asks for a download.
      const { downloadModel } = await import('../model/model-download.ts');
      return downloadModel(url, ensurePrivateDir(modelsDir), {
        ...(sha256 ? { sha256: sha256.toLowerCase() } : {}),
        onProgress: ({ downloadedBytes, totalBytes }) => events.emit('model.downloadProgress', { url, downloadedBytes, totalBytes }),
      });
    },
    'model.pick': async () => {
      if (pick === undefined) throw new WardenError('unavailable', 'type the path of a .gguf file');
      return { path: await pick() };
    },
  };
}
