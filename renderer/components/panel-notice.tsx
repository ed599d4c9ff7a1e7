import { Icon } from './icons.tsx';
import './panel-notice.css';

/**
 * The outcome of a panel's last action, for its aside. The live region is always mounted, so a
 * screen reader hears each new notice.
 */
export function PanelNotice({ notice, className, testId }: { notice: string | null; className?: string; testId: string }) {
  return (
    <>
      {notice !== null && (
        <span className={className === undefined ? 'panel-notice' : `panel-notice ${className}`} data-testid={testId}>
          <Icon name="info" size={14} />
          {notice}
        </span>
      )}
      <span role="status" className="visually-hidden">
        {notice}
      </span>
    </>
  );
}
