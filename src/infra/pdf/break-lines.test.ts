import { describe, expect, it } from 'vitest';
import { breakLines } from './break-lines';

/** Every character is one unit wide, so widths are character counts. */
const lines = (text: string, width: number) =>
  breakLines(text, width, (s) => Array.from(s).length).map((l) => l.text);

describe('breakLines', () => {
  it('breaks Chinese text between any two characters', () => {
    expect(lines('借款人应按期足额还款', 4)).toEqual(['借款人应', '按期足额', '还款']);
  });

  it('breaks Latin text only at spaces and drops the space at the break', () => {
    expect(lines('the loan shall be repaid', 10)).toEqual(['the loan', 'shall be', 'repaid']);
  });

  it('cuts a word longer than the line', () => {
    expect(lines('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    // Plain character breaks would give '甲乙丙' / '，丁戊' and '甲乙（' / '丙丁）'.
    expect(lines('甲乙丙，丁戊', 3)).toEqual(['甲乙', '丙，丁', '戊']);
    expect(lines('甲乙（丙丁）', 3)).toEqual(['甲乙', '（丙', '丁）']);
    expect(lines('大写：壹拾万元整).', 8)).toEqual(['大写：壹拾万元', '整).']);
  });

  it('keeps numbers inside Chinese text whole', () => {
    expect(lines('人民币100,000.00元整', 10)).toEqual(['人民币', '100,000.00', '元整']);
  });

  it('keeps apostrophes and curly quotes inside English words', () => {
    expect(lines('the Lender’s consent', 9)).toEqual(['the', 'Lender’s', 'consent']);
  });

  it('honours newlines and gives one empty line for empty text', () => {
    expect(lines('甲\n乙', 10)).toEqual(['甲', '乙']);
    expect(lines('', 10)).toEqual(['']);
  });

  it('reports the width of each line without trailing spaces', () => {
    expect(breakLines('ab cd ef', 5, (s) => s.length)).toEqual([
      { text: 'ab cd', width: 5 },
      { text: 'ef', width: 2 },
    ]);
  });
});
