import type { SystemInfo } from '../../app/contract/index.ts';
import { Badge } from '../components/badge.tsx';
import { InlineCode } from '../components/inline-code.tsx';
import { formatAgo, formatTimestamp } from '../format/time.ts';
import { isolationViews } from '../status/isolation.ts';

const shellNames: Record<SystemInfo['shell'], { label: string; detail: string }> = {
  desktop: { label: 'Desktop', detail: 'Electron window' },
  headless: { label: 'Headless', detail: '`warden serve`, console in a browser' },
  cli: { label: 'Command line', detail: '`warden`, one command' },
};

/** The `system.info` answer as a definition list; every value is exactly what the contract delivered. */
export function SystemInfoList({ info, now }: { info: SystemInfo; now: number }) {
  const isolation = isolationViews[info.isolation];
  const shell = shellNames[info.shell];
  return (
    <dl className="facts">
      <div className="facts__row">
        <dt>Version</dt>
        <dd>
          <span className="mono" data-testid="system-version">
            {info.version}
          </span>
        </dd>
      </div>
      <div className="facts__row">
        <dt>Shell</dt>
        <dd>
          <span data-testid="system-shell">{shell.label}</span>{' '}
          <span className="muted">
            · <InlineCode text={shell.detail} />
          </span>
        </dd>
      </div>
      <div className="facts__row">
        <dt>Platform</dt>
        <dd className="mono">
          {info.platform}/{info.arch}
        </dd>
      </div>
      <div className="facts__row">
        <dt>Node.js</dt>
        <dd className="mono">{info.nodeVersion}</dd>
      </div>
      <div className="facts__row">
        <dt>Isolation</dt>
        <dd>
          <div className="facts__stack">
            <span>
              <Badge tone={isolation.tone} testId="system-isolation">
                {isolation.label}
              </Badge>
            </span>
            <span className="facts__note" data-testid="system-isolation-explanation">
              {isolation.explanation}
            </span>
          </div>
        </dd>
      </div>
      <div className="facts__row">
        <dt>Data directory</dt>
        <dd>
          <span className="mono facts__path" data-testid="system-data-dir">
            {info.dataDir}
          </span>
        </dd>
      </div>
      <div className="facts__row">
        <dt>Started</dt>
        <dd>
          <time dateTime={info.startedAt} data-testid="system-started-at">
            {formatTimestamp(info.startedAt)}
          </time>{' '}
          <span className="muted">· {formatAgo(now - Date.parse(info.startedAt))}</span>
        </dd>
      </div>
    </dl>
  );
}
