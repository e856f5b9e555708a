/** Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): text a spreadsheet would run as a formula gets a leading `'`, and a
 * cell holding a quote, comma or line break is quoted with its quotes doubled.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record with its CRLF. */
export const csvLine = (cells: (string | number | null | undefined)[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** A CSV column: its header, and how a row fills it. */
export type CsvColumn<T> = [string, (row: T) => string | number | null];

/**
 * A CSV export made page by page (keyset pagination): the header, then each page's records. A page
 * is read only once the consumer took the one before, so memory holds one page whatever the size.
 */
export async function* csvPages<T>(columns: CsvColumn<T>[], readPage: (cursor: string | undefined) => Promise<{ rows: T[]; nextCursor: string | null }>): AsyncGenerator<string> {
  yield csvLine(columns.map(([name]) => name));
  let cursor: string | undefined;
  do {
    const page = await readPage(cursor);
    if (page.rows.length > 0) yield page.rows.map((row) => csvLine(columns.map(([, value]) => value(row)))).join('');
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
