/**
 * A progress bar on stderr: redrawn in place on a terminal, a line every quarter otherwise
 * (so logs of a long export still show it moving).
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const width = 30;
  let lastQuarter = -1;
  let drawn = false;
  return {
    update(done: number, total: number): void {
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      const percent = Math.floor(fraction * 100);
      const text = `${label} [${'#'.repeat(Math.round(fraction * width)).padEnd(width, '.')}] ${String(percent).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
      if (stream.isTTY) {
        stream.write(`\r${text}`);
        drawn = true;
        return;
      }
      const quarter = Math.floor(fraction * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        stream.write(`${text}\n`);
      }
    },
    finish(): void {
      if (drawn) stream.write('\n');
    },
  };
}
