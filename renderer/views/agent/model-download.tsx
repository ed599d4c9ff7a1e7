import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { ModelDownloadInputSchema } from '../../../app/contract/index.ts';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { useDownloadModel } from '../../data/model-actions.ts';
import { useEvent } from '../../data/use-event.ts';

const megabytes = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;

/**
 * Downloading a GGUF by URL, for machines that are online: nothing is fetched unless the person
 * asks here. The core saves it in its data directory, resumes a partial file, and checks the SHA-256.
 */
export function ModelDownload({ onDownloaded }: { onDownloaded: (path: string) => void }) {
  const download = useDownloadModel();
  const id = useId().replaceAll(':', '');
  const [url, setUrl] = useState('');
  const [sha256, setSha256] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEvent('model.downloadProgress', (event) => {
    if (event.url === url.trim()) setProgress({ done: event.downloadedBytes, total: event.totalBytes });
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { url: url.trim(), ...(sha256.trim() ? { sha256: sha256.trim() } : {}) };
    const checked = ModelDownloadInputSchema.safeParse(input);
    setProblem(checked.success ? undefined : 'Give an https:// URL (or hf:user/repo/file.gguf) and, if you have it, a 64-digit SHA-256.');
    if (!checked.success) return;
    setSaved(null);
    setProgress({ done: 0, total: 0 });
    const result = await download.run(input);
    setProgress(null);
    if (result) {
      setSaved(result.path);
      onDownloaded(result.path);
    }
  };

  return (
    <details className="agent-model__download" data-testid="model-download">
      <summary>Download a model by URL (machines that are online)</summary>
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="agent-model__download-form">
        <label htmlFor={`${id}-url`}>URL</label>
        <input
          id={`${id}-url`}
          className="input input--mono"
          value={url}
          placeholder="https://…/model.gguf or hf:user/repo/model.gguf"
          onChange={(event) => setUrl(event.target.value)}
          data-testid="model-download-url"
        />
        <label htmlFor={`${id}-sha`}>SHA-256 (optional)</label>
        <input
          id={`${id}-sha`}
          className="input input--mono"
          value={sha256}
          onChange={(event) => setSha256(event.target.value)}
          data-testid="model-download-sha256"
        />
        <Button type="submit" disabled={download.pending || url.trim() === ''} data-testid="model-download-start">
          {download.pending ? 'Downloading…' : 'Download'}
        </Button>
      </form>
      {problem && <p className="form-field__error" role="alert" data-testid="model-download-problem">{problem}</p>}
      {progress && (
        <p className="muted" data-testid="model-download-progress">
          {progress.total > 0 ? `${megabytes(progress.done)} of ${megabytes(progress.total)}` : 'Starting…'}
        </p>
      )}
      {download.error && <ErrorState error={download.error} testId="model-download-error" />}
      {saved && <p data-testid="model-download-saved">Saved as <code>{saved}</code>; inspect it below before loading.</p>}
    </details>
  );
}
