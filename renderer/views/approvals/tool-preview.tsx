import { useMemo } from 'react';
import type { ToolPreview as Preview } from '../../../app/contract/index.ts';
import { formatBytes } from '../../format/bytes.ts';
import { diffStats, parseUnifiedDiff } from './diff-lines.ts';
import './tool-preview.css';

/** What the call would do, before it does it: a diff, what would be deleted, the command line. */
export function ToolPreview({ preview }: { preview: Preview }) {
  switch (preview.kind) {
    case 'diff':
      return <DiffPreview preview={preview} />;
    case 'delete':
      return <DeletePreview preview={preview} />;
    case 'command':
      return (
        <div className="preview" data-testid="preview-command">
          <ol className="preview-argv" aria-label="Arguments, one per line">
            {preview.argv.map((arg, index) => (
              <li key={index} className="mono">
                <span className="preview-argv__index tabular" aria-hidden="true">
                  {index}
                </span>
                <span className="preview-argv__arg">{arg === '' ? <span className="muted">(empty)</span> : arg}</span>
              </li>
            ))}
          </ol>
          <dl className="preview-facts">
            <dt>Program</dt>
            <dd className="mono">{preview.executable}</dd>
            <dt>Working directory</dt>
            <dd className="mono">{preview.cwd}</dd>
          </dl>
        </div>
      );
    case 'move':
      return (
        <dl className="preview preview-facts" data-testid="preview-move">
          <dt>From</dt>
          <dd className="mono">{preview.from}</dd>
          <dt>To</dt>
          <dd className="mono">{preview.to}</dd>
        </dl>
      );
    case 'request':
      return (
        <p className="preview mono" data-testid="preview-request">
          <strong>{preview.method}</strong> {preview.url}
        </p>
      );
  }
}

function DiffPreview({ preview }: { preview: Extract<Preview, { kind: 'diff' }> }) {
  const lines = useMemo(() => parseUnifiedDiff(preview.diff), [preview.diff]);
  const { added, removed } = useMemo(() => diffStats(lines), [lines]);
  return (
    <div className="preview" data-testid="preview-diff">
      <p className="preview__head">
        <span className="mono">{preview.path}</span>
        <span className="preview__note">
          {preview.created ? 'new file · ' : ''}
          <span className="preview-diff__added tabular">+{added}</span> <span className="preview-diff__removed tabular">−{removed}</span>
          {preview.truncated ? ' · diff cut short' : ''}
        </span>
      </p>
      {lines.length === 0 ? (
        <p className="muted">No change: the file already has this content.</p>
      ) : (
        <div className="preview-diff" role="region" aria-label={`Changes to ${preview.path}`} tabIndex={0} data-own-keys>
          <table className="preview-diff__table">
            <tbody>
              {lines.map((line, index) => (
                <tr key={index} className={`preview-diff__line preview-diff__line--${line.kind}`}>
                  <td className="preview-diff__no tabular" aria-hidden="true">
                    {line.oldNo ?? ''}
                  </td>
                  <td className="preview-diff__no tabular" aria-hidden="true">
                    {line.newNo ?? ''}
                  </td>
                  <td className="preview-diff__text">
                    {line.kind === 'add' && <span className="visually-hidden">added: </span>}
                    {line.kind === 'del' && <span className="visually-hidden">removed: </span>}
                    {line.text}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

const typeLabels = { file: 'file', dir: 'folder', symlink: 'link', other: 'other' } as const;

function DeletePreview({ preview }: { preview: Extract<Preview, { kind: 'delete' }> }) {
  const shown = preview.entries.length;
  return (
    <div className="preview" data-testid="preview-delete">
      <p className="preview__head">
        <strong className="tabular" data-testid="preview-delete-total">
          {preview.totalEntries === 1 ? '1 item' : `${preview.totalEntries.toLocaleString('en-US')} items`}, {formatBytes(preview.totalBytes)}
        </strong>
        <span className="preview__note">would be deleted{preview.truncated ? ` (the first ${shown} listed)` : ''}</span>
      </p>
      <div className="preview-delete" tabIndex={0} role="region" aria-label="What would be deleted" data-own-keys>
        <table className="preview-delete__table">
          <thead>
            <tr>
              <th scope="col">Path</th>
              <th scope="col">Type</th>
              <th scope="col" className="preview-delete__size">
                Size
              </th>
            </tr>
          </thead>
          <tbody>
            {preview.entries.map((entry) => (
              <tr key={entry.path} data-testid="preview-delete-entry">
                <td className="mono">{entry.path}</td>
                <td>{typeLabels[entry.type]}</td>
                <td className="preview-delete__size tabular" title={`${entry.bytes.toLocaleString('en-US')} bytes`}>
                  {formatBytes(entry.bytes)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
