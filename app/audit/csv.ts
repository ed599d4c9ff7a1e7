/** Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"). */
const formulaStart = /^[=+\-@\t\r]/u;
const needsQuotes = /[",\r\n]|^\s|\s$/u;

/**
 * One RFC 4180 cell. Text starting like a formula gets a leading single quote so that a spreadsheet
 * shows it instead of running it; numbers are written as numbers.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return needsQuotes.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
