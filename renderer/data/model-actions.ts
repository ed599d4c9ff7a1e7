import { useQueryClient } from '@tanstack/react-query';
import type { ModelMetadata, ModelStatus } from '../../app/contract/index.ts';
import type { RequestAction } from './request-action.ts';
import { useRequestAction } from './request-action.ts';
import { modelStatusKey } from './model-queries.ts';

/** `model.inspect`: the file's metadata, read from its header before anything is loaded. */
export const useInspectModel = (): RequestAction<string, ModelMetadata> => useRequestAction((api, path: string) => api.model.inspect({ path }));

/** `model.pick`: the desktop app's file picker (headless there is none: the path is typed). */
export const usePickModel = (): RequestAction<void, { path: string | null }> => useRequestAction((api) => api.model.pick());

function useStatusAction<I>(send: Parameters<typeof useRequestAction<I, ModelStatus>>[0]): RequestAction<I, ModelStatus> {
  const queryClient = useQueryClient();
  return useRequestAction(send, (status) => queryClient.setQueryData<ModelStatus>(modelStatusKey, status));
}

/** `model.load`: answers once the model is ready; progress comes as `model.progress` meanwhile. */
export const useLoadModel = (): RequestAction<string, ModelStatus> => useStatusAction((api, path: string) => api.model.load({ path }));

export const useUnloadModel = (): RequestAction<void, ModelStatus> => useStatusAction((api) => api.model.unload());

/** `model.download`: only ever on a person's request; progress comes as `model.downloadProgress`. */
export const useDownloadModel = (): RequestAction<{ url: string; sha256?: string }, { path: string; sizeBytes: number; sha256: string }> =>
  useRequestAction((api, input: { url: string; sha256?: string }) => api.model.download(input));
