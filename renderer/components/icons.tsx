import type { ViewId } from '../routing/views.ts';

/** Paths on a 16×16 grid, stroked with the current colour. */
const paths = {
  overview: 'M2.5 2.5h4.5v4.5H2.5zM9 2.5h4.5v4.5H9zM2.5 9h4.5v4.5H2.5zM9 9h4.5v4.5H9z',
  live: 'M1.5 8.5h3l2-5 3 9 2-4h3',
  approvals: 'M3 2.5h10a.5.5 0 0 1 .5.5v10a.5.5 0 0 1-.5.5H3a.5.5 0 0 1-.5-.5V3a.5.5 0 0 1 .5-.5zM5.2 8.2l2 2 3.8-4.2',
  agent: 'M4 5h8a1.5 1.5 0 0 1 1.5 1.5v5A1.5 1.5 0 0 1 12 13H4a1.5 1.5 0 0 1-1.5-1.5v-5A1.5 1.5 0 0 1 4 5zM8 5V2.5M6 8.5v1M10 8.5v1',
  audit: 'M4 1.5h5.5l3 3v10H4zM9.5 1.5v3h3M6 8h4.5M6 10.5h4.5',
  secrets: 'M10.5 1.8a3.7 3.7 0 1 1-3.3 5.4L2 12.4V14h2.2v-1.5h1.5V11h1.5l1-1M11.2 4.8h.01',
  policy: 'M8 1.5 2.5 3.6v4c0 3.2 2.3 5.6 5.5 6.9 3.2-1.3 5.5-3.7 5.5-6.9v-4z',
  alerts: 'M4 11.5V7a4 4 0 0 1 8 0v4.5l1 1.2H3zM6.7 14.2a1.5 1.5 0 0 0 2.6 0',
  readiness: 'M2.5 4l1.3 1.3L6.3 2.8M2.5 10.5l1.3 1.3 2.5-2.5M8.5 4.5h5M8.5 11h5',
  sun: 'M8 5.2a2.8 2.8 0 1 1 0 5.6 2.8 2.8 0 0 1 0-5.6zM8 1v1.6M8 13.4V15M1 8h1.6M13.4 8H15M3 3l1.1 1.1M11.9 11.9 13 13M3 13l1.1-1.1M11.9 4.1 13 3',
  moon: 'M13.5 9.6A5.8 5.8 0 0 1 6.4 2.5a5.8 5.8 0 1 0 7.1 7.1z',
  system: 'M2 3h12v8H2zM6 14h4M8 11v3',
  collapse: 'M10 3.5 5.5 8l4.5 4.5',
  expand: 'M6 3.5 10.5 8 6 12.5',
  keyboard: 'M1.5 4h13v8h-13zM4 6.5h.01M6.5 6.5h.01M9 6.5h.01M11.5 6.5h.01M5 9.5h6',
  retry: 'M13.5 8A5.5 5.5 0 1 1 11.9 4.1M13.5 2v3h-3',
  external: 'M9 2.5h4.5V7M13.5 2.5 7.5 8.5M11.5 9.5v4h-9v-9h4',
  info: 'M8 1.5a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13zM8 7.2V11.5M8 4.8h.01',
  close: 'M3.5 3.5l9 9M12.5 3.5l-9 9',
} as const satisfies Record<ViewId, string> & Record<string, string>;

export type IconName = keyof typeof paths;

/** A 16×16 stroked path in the current colour: the one way the console draws an icon. */
export function PathIcon({ d, size = 16, className }: { d: string; size?: number; className?: string | undefined }) {
  return (
    <svg
      className={className === undefined ? 'icon' : `icon ${className}`}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={d} />
    </svg>
  );
}

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
  return <PathIcon d={paths[name]} size={size} className={className} />;
}
