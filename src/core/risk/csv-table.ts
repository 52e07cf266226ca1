import { AppError } from '../errors';

/** A numeric column: values as numbers, NaN where the cell is empty or missing. */
export interface NumericColumn {
  name: string;
  kind: 'numeric';
  values: Float64Array;
}
/** A categorical column: values as strings, null where the cell is empty. */
export interface CategoricalColumn {
  name: string;
  kind: 'categorical';
  values: (string | null)[];
}
export type Column = NumericColumn | CategoricalColumn;

export interface Table {
  header: string[];
  rows: number;
  columns: Map<string, Column>;
}

/** Splits CSV text into records of fields (RFC 4180: quoted fields, doubled quotes, CRLF or LF). */
export function parseCsvRecords({ text }: { text: string }): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let quoted = false;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      record.push(field);
      field = '';
      if (!(record.length === 1 && record[0] === '')) records.push(record);
      record = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      // Fast path: copy up to the next delimiter in one slice.
      let j = i + 1;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13 || c === 34) break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  if (quoted) throw new AppError('VALIDATION_FAILED', 'The CSV ends inside a quoted field');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/**
 * Parses CSV text with a header row into columns. A column is numeric when every non-empty cell is
 * a finite number, otherwise categorical (strings). Empty cells are missing (NaN / null). Throws
 * `VALIDATION_FAILED` on an empty file, duplicate header names or a row of the wrong width.
 */
export function parseCsvTable({ text }: { text: string }): Table {
  const records = parseCsvRecords({ text });
  const header = records[0]?.map((h) => h.trim());
  if (!header || header.length === 0 || (header.length === 1 && header[0] === ''))
    throw new AppError('VALIDATION_FAILED', 'The CSV has no header row');
  if (new Set(header).size !== header.length)
    throw new AppError('VALIDATION_FAILED', 'The CSV header repeats a column name');
  const rows = records.length - 1;
  for (let r = 1; r < records.length; r++) {
    if (records[r]!.length !== header.length)
      throw new AppError(
        'VALIDATION_FAILED',
        `CSV line ${r + 1} has ${records[r]!.length} fields, expected ${header.length}`,
      );
  }
  const columns = new Map<string, Column>();
  header.forEach((name, c) => {
    const numbers = new Float64Array(rows);
    let isNumeric = true;
    for (let r = 0; r < rows; r++) {
      const cell = records[r + 1]![c]!.trim();
      if (cell === '') {
        numbers[r] = NaN;
        continue;
      }
      const v = Number(cell);
      if (!Number.isFinite(v)) {
        isNumeric = false;
        break;
      }
      numbers[r] = v;
    }
    if (isNumeric) columns.set(name, { name, kind: 'numeric', values: numbers });
    else {
      const values: (string | null)[] = new Array(rows);
      for (let r = 0; r < rows; r++) {
        const cell = records[r + 1]![c]!.trim();
        values[r] = cell === '' ? null : cell;
      }
      columns.set(name, { name, kind: 'categorical', values });
    }
  });
  return { header, rows, columns };
}
