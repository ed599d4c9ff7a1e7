import { memo } from 'react';
import type { AuditExportFormat, AuditFilter } from '../../../app/contract/index.ts';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Icon } from '../../components/icons.tsx';
import { useAuditOperations } from '../../data/audit-operations.ts';
import { useBridge } from '../../data/bridge-context.tsx';
import { useEvent } from '../../data/use-event.ts';
import { useSystemInfo } from '../../data/use-system-info.ts';
import { AuditIcon } from './audit-icon.tsx';
import { basename, formatCount, formatMs } from './audit-format.ts';
import { ProgressBar } from './progress-bar.tsx';
import './operations.css';

/** Verify and the two exports; the export takes the filters the results were fetched with. */
export const OperationButtons = memo(function OperationButtons({ exportFilter }: { exportFilter: () => AuditFilter }) {
  const { api } = useBridge();
  const verify = useAuditOperations((state) => state.verify);
  const exporting = useAuditOperations((state) => state.export);
  const verifyNow = useAuditOperations((state) => state.verifyNow);
  const exportNow = useAuditOperations((state) => state.exportNow);
  const progress = useAuditOperations((state) => state.progress);
  useEvent('audit.progress', progress);

  const startExport = (format: AuditExportFormat) => void exportNow(api, format, exportFilter());
  return (
    <div className="audit-actions" role="group" aria-label="Verify and export">
      <Button onClick={() => void verifyNow(api)} disabled={verify.phase === 'running'} data-testid="audit-verify">
        <AuditIcon name="shield" />
        {verify.phase === 'running' ? 'Verifying…' : 'Verify chain'}
      </Button>
      <span className="audit-actions__divider" aria-hidden="true" />
      <span className="audit-actions__label" id="audit-export-label">
        Export
      </span>
      <Button
        onClick={() => startExport('jsonl')}
        disabled={exporting.phase === 'running'}
        aria-describedby="audit-export-label audit-export-scope"
        data-testid="audit-export-jsonl"
      >
        <AuditIcon name="download" />
        JSONL
      </Button>
      <Button
        onClick={() => startExport('csv')}
        disabled={exporting.phase === 'running'}
        aria-describedby="audit-export-label audit-export-scope"
        data-testid="audit-export-csv"
      >
        <AuditIcon name="download" />
        CSV
      </Button>
      <span id="audit-export-scope" className="visually-hidden">
        Exports every event matching the current search and filters.
      </span>
    </div>
  );
});

/** Progress and outcome of verify and export, under the toolbar; each can be dismissed. */
export const OperationResults = memo(function OperationResults({ onShowEvent }: { onShowEvent: (seq: number) => void }) {
  const headless = useSystemInfo().data?.shell === 'headless';
  const verify = useAuditOperations((state) => state.verify);
  const exporting = useAuditOperations((state) => state.export);
  const format = useAuditOperations((state) => state.exportFormat);
  const dismiss = useAuditOperations((state) => state.dismiss);
  if (verify.phase === 'idle' && exporting.phase === 'idle') return null;

  return (
    <div className="audit-ops">
      {verify.phase !== 'idle' && (
        <section className={`audit-op audit-op--${verifyTone(verify)}`} aria-label="Chain verification" data-testid="audit-verify-result" data-phase={verify.phase}>
          {verify.phase === 'running' && (
            <>
              <span className="audit-op__title">Verifying the chain…</span>
              <ProgressBar done={verify.done} total={verify.total} label="Verification progress" />
              <span className="audit-op__count tabular">
                {verify.total > 0 ? `${formatCount(verify.done)} of ${formatCount(verify.total)}` : ''}
              </span>
            </>
          )}
          {verify.phase === 'done' && verify.result.ok && (
            <p className="audit-op__text" role="status" data-ok="true">
              <Badge tone="ok">Chain intact</Badge>
              <span>
                {formatCount(verify.result.checked)} events
                {verify.result.archivedChecked > 0 && ` (${formatCount(verify.result.archivedChecked)} archived)`} and{' '}
                {formatCount(verify.result.checkpointsChecked)} checkpoints verified up to #{verify.result.headSeq} in{' '}
                {formatMs(verify.result.durationMs)}.
              </span>
            </p>
          )}
          {verify.phase === 'done' && !verify.result.ok && (
            <p className="audit-op__text" role="alert" data-ok="false">
              <Badge tone="bad">{verify.result.problem ? `Chain ${verify.result.problem.kind}` : 'Chain not intact'}</Badge>
              {verify.result.problem ? (
                <span>
                  First problem at{' '}
                  <button type="button" className="link-button mono" onClick={() => verify.result.problem && onShowEvent(verify.result.problem.seq)} data-testid="audit-verify-problem-link">
                    #{verify.result.problem.seq}
                  </button>
                  : {verify.result.problem.message}
                </span>
              ) : (
                <span>The verification did not pass.</span>
              )}
            </p>
          )}
          {verify.phase === 'failed' && <Failed what="Verification" code={verify.code} message={verify.message} />}
          {verify.phase !== 'running' && <DismissButton what="the verification result" onClick={() => dismiss('verify')} />}
        </section>
      )}
      {exporting.phase !== 'idle' && (
        <section className={`audit-op audit-op--${exporting.phase === 'failed' ? 'bad' : 'neutral'}`} aria-label="Export" data-testid="audit-export-result" data-phase={exporting.phase}>
          {exporting.phase === 'running' && (
            <>
              <span className="audit-op__title">Exporting {format === 'csv' ? 'CSV' : 'JSONL'}…</span>
              <ProgressBar done={exporting.done} total={exporting.total} label="Export progress" />
              <span className="audit-op__count tabular">
                {exporting.total > 0 ? `${formatCount(exporting.done)} of ${formatCount(exporting.total)}` : ''}
              </span>
            </>
          )}
          {exporting.phase === 'done' && (
            <p className="audit-op__text" role="status">
              <Badge tone="ok">Exported</Badge>
              <span>
                {formatCount(exporting.result.count)} events as {exporting.result.format.toUpperCase()} to{' '}
                <span className="mono audit-op__path" data-testid="audit-export-path">
                  {exporting.result.path}
                </span>
              </span>
              {headless && (
                <a
                  className="audit-op__download"
                  href={`/exports/${encodeURIComponent(basename(exporting.result.path))}`}
                  download={basename(exporting.result.path)}
                  data-testid="audit-export-download"
                >
                  <AuditIcon name="download" />
                  Download
                </a>
              )}
            </p>
          )}
          {exporting.phase === 'failed' && <Failed what="Export" code={exporting.code} message={exporting.message} />}
          {exporting.phase !== 'running' && <DismissButton what="the export result" onClick={() => dismiss('export')} />}
        </section>
      )}
    </div>
  );
});

const verifyTone = (verify: ReturnType<typeof useAuditOperations.getState>['verify']): string => {
  if (verify.phase === 'failed') return 'bad';
  if (verify.phase === 'done') return verify.result.ok ? 'ok' : 'bad';
  return 'neutral';
};

function Failed({ what, code, message }: { what: string; code: string; message: string }) {
  return (
    <p className="audit-op__text" role="alert">
      <Badge tone="bad">{what} failed</Badge>
      <code>{code}</code>
      <span>{message}</span>
    </p>
  );
}

function DismissButton({ what, onClick }: { what: string; onClick: () => void }) {
  return (
    <Button variant="ghost" size="icon" className="audit-op__dismiss" aria-label={`Dismiss ${what}`} onClick={onClick}>
      <Icon name="close" size={14} />
    </Button>
  );
}
