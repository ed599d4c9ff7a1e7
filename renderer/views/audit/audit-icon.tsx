import { PathIcon } from '../../components/icons.tsx';

/** The few glyphs only the Audit view needs, drawn like the shell's icons (16×16, stroked). */
const paths = {
  search: 'M7 2.5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9zM10.3 10.3 13.5 13.5',
  shield: 'M8 1.5 2.5 3.6v4c0 3.2 2.3 5.6 5.5 6.9 3.2-1.3 5.5-3.7 5.5-6.9v-4zM5.6 8.1l1.7 1.7 3.2-3.4',
  download: 'M8 2v8.5M4.5 7 8 10.5 11.5 7M2.5 13.5h11',
  filter: 'M2 3h12L9.5 8.5v4.5l-3-1.5v-3z',
  warning: 'M8 2 1.5 13.5h13zM8 6.5v3.2M8 11.8h.01',
  check: 'M3 8.5l3 3 7-7',
  arrowUp: 'M8 13V3M4 7l4-4 4 4',
  arrowDown: 'M8 3v10M4 9l4 4 4-4',
  close: 'M4 4l8 8M12 4l-8 8',
} as const;

export type AuditIconName = keyof typeof paths;

export function AuditIcon({ name, size = 14, className }: { name: AuditIconName; size?: number; className?: string }) {
  return <PathIcon d={paths[name]} size={size} className={className} />;
}
