import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import type { ModelMetadata, ModelStatus } from '../../../app/contract/index.ts';
import { ModelPathSchema } from '../../../app/contract/index.ts';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { Panel } from '../../components/panel.tsx';
import { useBridge } from '../../data/bridge-context.tsx';
import { useInspectModel, useLoadModel, usePickModel, useUnloadModel } from '../../data/model-actions.ts';
import type { LoadBar } from '../../data/model-load.ts';
import { requestedBar, shownBar, withProgress } from '../../data/model-load.ts';
import { useModelLiveUpdates, useModelStatus } from '../../data/model-queries.ts';
import { useEvent } from '../../data/use-event.ts';
import { FormField, fieldAria } from '../secrets/form-field.tsx';
import { modelStateLabel, modelStateTone } from './agent-format.ts';
import { LoadProgress } from './load-progress.tsx';
import { ModelMetadataList } from './model-metadata.tsx';
import { ModelStatusLine } from './model-status.tsx';
import { ModelDownload } from './model-download.tsx';

/** Why a typed path cannot be a model file, in the contract's words; undefined when it can. */
function pathProblem(path: string): string | undefined {
  const parsed = ModelPathSchema.safeParse(path.trim());
  return parsed.success ? undefined : (parsed.error.issues[0]?.message ?? 'Not a model path.');
}

/** A finished load keeps its bar (full, with the time it took) until the next action. */
interface FinishedLoad {
  readonly path: string;
  readonly ms: number;
}

/**
 * The local model: what is loaded (status, memory, tokens/s), and loading another: pick or type
 * a .gguf path, read its header (Inspect) and see what it is before anything is loaded, then
 * Load with a progress bar that appears on the click, and Unload.
 */
export function ModelPanel() {
  useModelLiveUpdates();
  const { kind } = useBridge();
  const status = useModelStatus();
  const inspect = useInspectModel();
  const load = useLoadModel();
  const unload = useUnloadModel();
  const pick = usePickModel();
  const id = `model-path-${useId().replaceAll(':', '')}`;
  const [path, setPath] = useState('');
  const [pathError, setPathError] = useState<string | undefined>(undefined);
  const [metadata, setMetadata] = useState<ModelMetadata | null>(null);
  const [bar, setBar] = useState<LoadBar | null>(null);
  const [finished, setFinished] = useState<FinishedLoad | null>(null);

  useEvent('model.progress', (event) => setBar((current) => withProgress(current, event)));

  const current = status.data;
  const busy = load.pending || unload.pending || current?.state === 'loading' || current?.state === 'unloading';
  const desktop = kind === 'ipc';

  const edit = (text: string) => {
    setPath(text);
    setPathError(undefined);
    if (metadata !== null && metadata.path !== text.trim()) setMetadata(null);
    inspect.reset();
  };

  const runInspect = async (target: string) => {
    const problem = pathProblem(target);
    setPathError(problem);
    setMetadata(null);
    setFinished(null);
    load.reset();
    if (problem !== undefined) return;
    const found = await inspect.run(target.trim());
    if (found !== undefined) setMetadata(found);
  };

  const onInspect = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void runInspect(path);
  };

  const onPick = async () => {
    const picked = await pick.run(undefined);
    if (picked?.path == null) return;
    edit(picked.path);
    await runInspect(picked.path);
  };

  const onLoad = async () => {
    if (metadata === null || busy) return;
    const target = metadata.path;
    // Shown in this very render, before the first model.progress can arrive.
    setBar(requestedBar(target));
    setFinished(null);
    const started = performance.now();
    const loaded = await load.run(target);
    setBar(null);
    if (loaded?.state === 'ready') setFinished({ path: target, ms: performance.now() - started });
  };

  const onUnload = async () => {
    setFinished(null);
    await unload.run(undefined);
  };

  const visibleBar = shownBar(bar, current);
  const requestError = pick.error ?? inspect.error ?? load.error ?? unload.error;

  return (
    <Panel
      title="Model"
      className="agent-model"
      testId="model-panel"
      aside={current && <Badge tone={modelStateTone(current.state)} testId="model-state">{modelStateLabel(current.state)}</Badge>}
    >
      <div className="agent-model__grid">
        <div className="agent-model__status">
          <ModelStatusLine query={status} />
          {current?.state === 'ready' && (
            <Button size="sm" onClick={() => void onUnload()} disabled={busy} data-testid="model-unload">
              {unload.pending ? 'Unloading…' : 'Unload'}
            </Button>
          )}
        </div>

        <form className="agent-model__picker" noValidate onSubmit={onInspect} data-testid="model-picker">
          <FormField
            id={id}
            label="Model file"
            area="path"
            error={pathError}
            hint={
              desktop ? (
                'Choose a GGUF file, or type its absolute path.'
              ) : (
                <span data-testid="model-pick-hint">
                  The web console cannot open a file picker: type the absolute path of a .gguf file on the machine running Warden.
                </span>
              )
            }
          >
            <div className="agent-model__path-row">
              {desktop && (
                <Button onClick={() => void onPick()} disabled={pick.pending} data-testid="model-pick">
                  {pick.pending ? 'Choosing…' : 'Choose file…'}
                </Button>
              )}
              <input
                {...fieldAria(id, pathError, true)}
                className="input input--mono agent-model__path"
                value={path}
                placeholder="/path/to/model.gguf"
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => edit(event.target.value)}
                data-testid="model-path-input"
              />
              <Button type="submit" disabled={inspect.pending || path.trim() === ''} data-testid="model-inspect">
                {inspect.pending ? 'Reading…' : 'Inspect'}
              </Button>
            </div>
          </FormField>
        </form>
      </div>

      <ModelDownload
        onDownloaded={(downloaded) => {
          edit(downloaded);
          void runInspect(downloaded);
        }}
      />

      {requestError && (
        <div className="agent-model__error">
          <ErrorState error={requestError} testId="model-error" />
        </div>
      )}

      {metadata !== null && (
        <div className="agent-model__inspected">
          <ModelMetadataList metadata={metadata} />
          <div className="form-actions agent-model__actions">
            <Button variant="primary" onClick={() => void onLoad()} disabled={busy} data-testid="model-load">
              {load.pending ? 'Loading…' : isLoaded(current, metadata) ? 'Load again' : 'Load'}
            </Button>
            <span className="muted">
              {isLoaded(current, metadata) ? 'This is the model loaded now.' : 'Nothing is loaded until you press Load; the file never leaves this machine.'}
            </span>
          </div>
        </div>
      )}

      {visibleBar !== null ? (
        <LoadProgress bar={visibleBar} />
      ) : (
        finished !== null && <LoadProgress bar={{ path: finished.path, progress: 1, phase: 'ready' }} tookMs={finished.ms} />
      )}
    </Panel>
  );
}

const isLoaded = (status: ModelStatus | undefined, metadata: ModelMetadata): boolean =>
  status?.state === 'ready' && status.model?.path === metadata.path;
