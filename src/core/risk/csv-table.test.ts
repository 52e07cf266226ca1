import { describe, expect, it } from 'vitest';
import { parseCsvRecords, parseCsvTable } from './csv-table';

describe('parseCsvTable', () => {
  it('parses quoted fields, CRLF and detects numeric columns', () => {
    const t = parseCsvTable({
      text: '\ufeffid,name,amount\r\n1,"Li, Wei",12.5\r\n2,"say ""hi""",\r\n3,Wang,-3\r\n',
    });
    expect(t.header).toEqual(['id', 'name', 'amount']);
    expect(t.rows).toBe(3);
    const amount = t.columns.get('amount')!;
    expect(amount.kind).toBe('numeric');
    expect(Array.from(amount.values as Float64Array)).toEqual([12.5, NaN, -3]);
    expect(t.columns.get('name')).toMatchObject({
      kind: 'categorical',
      values: ['Li, Wei', 'say "hi"', 'Wang'],
    });
  });

  it('refuses rows of the wrong width', () => {
    expect(() => parseCsvTable({ text: 'a,b\n1,2\n3\n' })).toThrow(/line 3/);
    expect(parseCsvRecords({ text: 'a\n\nb' })).toEqual([['a'], ['b']]);
  });
});
