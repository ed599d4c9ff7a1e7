import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { createModelDownloader } from 'node-llama-cpp';
import { ModelError, throwIfAborted } from './model-error.ts';

/**
 * Downloading a GGUF by URL, for machines that are online. Only ever called because a person
 * asked for it: nothing in Warden downloads a model on its own. node-llama-cpp's downloader
 * resumes an interrupted download (the partial file is kept on cancel) and reports progress;
 * the SHA-256 check is ours, since the downloader has none.
 */

export interface DownloadOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { readonly downloadedBytes: number; readonly totalBytes: number }) => void;
  /** Hex SHA-256 the file must have; a mismatching file is deleted and the download fails. */
  readonly sha256?: string;
  /** The file name to save as (default: the name in the URL). */
  readonly fileName?: string;
}

export interface DownloadedModel {
  readonly path: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

/** Checks the request before any network access; throws `invalid_request` or `invalid_path`. */
export async function checkDownloadRequest(url: string, dir: string, options: DownloadOptions = {}): Promise<void> {
  // hf:<user>/<repo>/<file>.gguf is node-llama-cpp's Hugging Face URI; everything else must be HTTPS.
  if (!url.startsWith('hf:')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ModelError('invalid_request', 'Give the model as an https:// URL or an hf: URI.');
    }
    if (parsed.protocol !== 'https:') throw new ModelError('invalid_request', 'Models are downloaded over HTTPS only.');
    // Credentials in a URL end up in logs and the audit trail.
    if (parsed.username !== '' || parsed.password !== '') throw new ModelError('invalid_request', 'A download URL may not carry a user name or password.');
  }
  if (options.sha256 !== undefined && !/^[0-9a-f]{64}$/i.test(options.sha256)) {
    throw new ModelError('invalid_request', 'A SHA-256 checksum is 64 hexadecimal digits.');
  }
  if (options.fileName !== undefined && !/^(?!\.)[^/\\\0]{1,200}\.gguf$/i.test(options.fileName)) {
    throw new ModelError('invalid_request', 'The file name must be a plain name ending in .gguf, without slashes.');
  }
  if (!isAbsolute(dir)) throw new ModelError('invalid_path', 'Give the absolute path of the folder to download into.');
  const stats = await stat(dir).catch(() => undefined);
  if (stats === undefined || !stats.isDirectory()) throw new ModelError('invalid_path', `${dir} is not an existing folder.`);
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function downloadModel(url: string, dir: string, options: DownloadOptions = {}): Promise<DownloadedModel> {
  await checkDownloadRequest(url, dir, options);
  const { signal, onProgress, sha256, fileName } = options;
  throwIfAborted(signal);
  let path: string;
  try {
    const downloader = await createModelDownloader({
      modelUri: url,
      dirPath: dir,
      ...(fileName === undefined ? {} : { fileName }),
      showCliProgress: false,
      skipExisting: true,
      deleteTempFileOnCancel: false,
      ...(onProgress ? { onProgress: (status: { downloadedSize: number; totalSize: number }) => onProgress({ downloadedBytes: status.downloadedSize, totalBytes: status.totalSize }) } : {}),
    });
    path = await downloader.download(signal ? { signal } : {});
  } catch (error) {
    throwIfAborted(signal);
    throw new ModelError('download_failed', `The download failed: ${(error as Error).message}`, { cause: error });
  }
  const actual = await sha256Of(path);
  if (sha256 !== undefined && actual !== sha256.toLowerCase()) {
    await unlink(path);
    throw new ModelError('invalid_file', `The downloaded file's SHA-256 is ${actual}, not ${sha256.toLowerCase()}; it was deleted.`);
  }
  return { path, sizeBytes: (await stat(path)).size, sha256: actual };
}
