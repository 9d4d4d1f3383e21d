// Any table on screen as the rows a CSV file holds: what the person sees, except that amounts,
// hours and percentages become plain decimal numbers a spreadsheet reads as numbers.
import type { Lang, Table } from './bindings';

/** `1 923,89 $`, `$1,923.89`, `−32 000 $`, `7,5 h`, `48 %` as `1923.89`, `-32000`, `7.5`, `48`; null for text. */
export function plainNumber(text: string, lang: Lang): string | null {
  const bare = text.replace(/[\s\u00a0\u202f$%]/g, '').replace(/h$/, '').replace(/^[−–]/, '-');
  const negative = bare.startsWith('-') || (bare.startsWith('(') && bare.endsWith(')'));
  const digits = bare.replace(/^[-(]|\)$/g, '');
  const plain = lang === 'fr' ? digits.replace(/\./g, '').replace(',', '.') : digits.replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(plain)) return null;
  return negative && Number(plain) !== 0 ? `-${plain}` : plain;
}

/** What a cell says in the file: its `data-csv` if it has one, else its text, as a number in a numeric column. */
function cellValue(cell: HTMLTableCellElement, lang: Lang): string {
  const given = cell.dataset.csv;
  if (given !== undefined) return given;
  const text = (cell.textContent ?? '').replace(/\s+/g, ' ').trim();
  return cell.classList.contains('num') ? (plainNumber(text, lang) ?? text) : text;
}

/** A row's cells, a cell spanning columns followed by empty ones so the columns stay aligned. */
function rowValues(row: HTMLTableRowElement, lang: Lang): string[] {
  const values: string[] = [];
  for (const cell of Array.from(row.cells)) {
    values.push(cellValue(cell, lang));
    for (let i = 1; i < cell.colSpan; i++) values.push('');
  }
  return values;
}

/**
 * The header (the last row of `thead`), the body's rows and the footer's (totals) of a table on
 * screen. Columns without a heading (buttons) and rows of one cell across the table (« Aucun
 * résultat », a record's detail) are left out.
 */
export function tableOf(table: HTMLTableElement, lang: Lang): Table {
  const head = table.tHead?.rows[table.tHead.rows.length - 1];
  const header = head ? rowValues(head, lang) : [];
  const keep = header.map((h, i) => (h === '' ? -1 : i)).filter((i) => i >= 0);
  const rows: string[][] = [];
  const bodies = [...Array.from(table.tBodies), ...(table.tFoot ? [table.tFoot] : [])];
  for (const body of bodies) {
    for (const row of Array.from(body.rows)) {
      if (row.cells.length === 1 && row.cells[0].colSpan >= header.length) continue;
      const values = rowValues(row, lang);
      rows.push(keep.map((i) => values[i] ?? ''));
    }
  }
  return { header: keep.map((i) => header[i]), rows };
}
