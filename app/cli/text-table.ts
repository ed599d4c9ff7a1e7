/** Plain columns for the terminal; the last column takes what width is left and is cut with "…". */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], maxWidth = process.stdout.columns ?? 120): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fixed = widths.slice(0, -1).reduce((sum, w) => sum + w + 2, 0);
  const last = widths.length - 1;
  widths[last] = Math.max(10, Math.min(widths[last] ?? 10, maxWidth - fixed));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => {
        const width = widths[i] ?? cell.length;
        const cut = cell.length > width ? `${cell.slice(0, width - 1)}…` : cell;
        return i === last ? cut : cut.padEnd(width);
      })
      .join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
