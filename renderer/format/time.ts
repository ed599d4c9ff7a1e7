/** "just now", "2 s ago", "3 min ago", "2 h ago", "4 d ago". */
export function formatAgo(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  if (s < 1) return 'just now';
  return `${formatSpan(s)} ago`;
}

/** A span of time, coarse and short: "45 s", "3 min", "2 h 5 min", "4 d 3 h". */
export function formatDuration(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  return s < 1 ? '0 s' : formatSpan(s, true);
}

function formatSpan(seconds: number, twoUnits = false): string {
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  for (const [index, [size, unit]] of units.entries()) {
    if (seconds < size) continue;
    const whole = Math.floor(seconds / size);
    const next = units[index + 1];
    if (twoUnits && next && size > 60) {
      const rest = Math.floor((seconds - whole * size) / next[0]);
      if (rest > 0) return `${whole} ${unit} ${rest} ${next[1]}`;
    }
    return `${whole} ${unit}`;
  }
  return `${seconds} s`;
}

/** An ISO timestamp as local date and time, e.g. "2025-01-31 14:05:09". */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}
