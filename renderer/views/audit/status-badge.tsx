import type { AuditStatus } from '../../../app/contract/index.ts';
import '../../components/badge.css';
import './status-badge.css';

/** An audit status in its own colour (the word is always shown too); the chart uses the same colours. */
export function StatusBadge({ status }: { status: AuditStatus }) {
  return <span className={`badge audit-status audit-status--${status}`}>{status}</span>;
}
