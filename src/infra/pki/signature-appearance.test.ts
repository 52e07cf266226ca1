import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDF, PdfDict, PdfRef, PdfStream, type PdfArray, type PdfObject } from '@libpdf/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeContractDocument, renderContractModel } from '../../core/contract/loan-contract-template';
import { sampleContractData } from '../../core/contract/sample-contract-data';
import { loadCjkFont } from '../pdf/load-cjk-font';
import { renderContractPdf } from '../pdf/render-contract-pdf';
import { appearanceFont } from './appearance-font';
import { loadPlatformPki, type PlatformPki } from './load-platform-pki';
import { parsePdfsigOutput } from './parse-pdfsig-output';
import { appearanceFor, finishSignedContract, signAsBank, signAsPerson } from './sign-contract';

const BANK = '面签示范银行股份有限公司北京朝阳支行';

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  return r.stdout;
}

describe('appearance font subset', () => {
  it('holds only the glyphs used (kilobytes, not the 5 MB collection), the same subset for the same text', async () => {
    const a = await appearanceFont({ texts: ['借款人：张三'] });
    expect(a.program.length).toBeLessThan(32 * 1024);
    expect(a.baseFont).toMatch(/^[A-Z]{6}\+WenQuanYiMicroHei$/);
    const cids = [...'借款人：张三'].map((ch) => a.glyphs.get(ch.codePointAt(0)!)!.cid);
    expect(new Set(cids).size).toBe(6);
    expect(cids.every((cid) => cid > 0)).toBe(true); // CID 0 would be .notdef: a tofu box
    expect(a.unicode.get(cids[5]!)).toBe('三');
    expect(await appearanceFont({ texts: ['借款人：张三'] })).toBe(a);
    expect((await appearanceFont({ texts: ['借款人：李四'] })).baseFont).not.toBe(a.baseFont);
  });

  it('shows "?" for a character the face lacks, never .notdef', async () => {
    const f = await appearanceFont({ texts: ['𠀋'] }); // CJK Extension B: not in WenQuanYi Micro Hei
    const glyph = f.glyphs.get(0x2000b)!;
    expect(glyph.cid).toBeGreaterThan(0);
    expect(f.unicode.get(glyph.cid)).toBe('?');
  });
});

describe('appearanceFor', () => {
  const at = new Date('2026-05-20T02:00:00Z');

  it('zh-CN: role and name, 数字签名, Beijing time; the lender with its contract seal', async () => {
    const borrower = await appearanceFor({ role: 'borrower', name: '张三', at, reason: 'Borrower agrees' });
    expect(borrower.lines?.map((l) => (typeof l === 'string' ? l : l.text))).toEqual([
      '借款人：张三',
      '数字签名 / Digitally signed',
      '2026-05-20 10:00:00 (UTC+8)',
      'Borrower agrees',
    ]);
    expect(borrower.seal).toBeUndefined();
    const lender = await appearanceFor({ role: 'lender', name: BANK, at, reason: 'Lender seal' });
    expect(lender.lines?.map((l) => (typeof l === 'string' ? l : l.text)).slice(0, 2)).toEqual([
      '贷款人（盖章）',
      BANK,
    ]);
    expect(lender.seal).toEqual({ kind: 'organisation-seal', name: BANK, label: '合同专用章' });
  });

  it('en: the name as given with English role labels', async () => {
    const a = await appearanceFor({
      role: 'guarantor',
      name: 'Li Si',
      at,
      reason: 'Guarantor agrees',
      locale: 'en',
    });
    expect(a.lines?.map((l) => (typeof l === 'string' ? l : l.text)).slice(0, 3)).toEqual([
      'Guarantor: Li Si',
      'Digitally signed',
      '2026-05-20 10:00:00 (UTC+8)',
    ]);
  });
});

describe('signed sample contract: Chinese appearances and the bank seal', () => {
  let dir: string;
  let pki: PlatformPki;
  let file: string;
  let signed: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mianqian-appearance-'));
    pki = await loadPlatformPki({ dataDir: dir });
    const data = sampleContractData('zh-CN');
    let pdf = await renderContractPdf(renderContractModel(data), {
      font: await loadCjkFont(),
      ...describeContractDocument(data),
    });
    const at = (minute: number) => new Date(Date.UTC(2026, 4, 20, 2, minute));
    pdf = (await signAsBank({ pdf, pki, fieldName: 'sig_lender', at: at(0), bankName: BANK })).pdf;
    for (const [i, [fieldName, role, name]] of (
      [
        ['sig_borrower', 'borrower', '张三'],
        ['sig_guarantor_1', 'guarantor', '李四'],
      ] as const
    ).entries()) {
      const party = {
        fieldName,
        role,
        name,
        idNumberCommitment: 'c'.repeat(64),
        applicationId: 'appearance-test',
      };
      pdf = (await signAsPerson({ pdf, pki, party, at: at(i + 1) })).pdf;
    }
    signed = await finishSignedContract({ pdf, pki });
    file = join(dir, 'signed.pdf');
    writeFileSync(file, signed);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('each appearance uses its own embedded subset of the CJK face (Type0, Identity-H, kilobytes)', async () => {
    const doc = await PDF.load(signed);
    const resolve = (o: PdfObject | undefined): PdfObject | undefined =>
      o instanceof PdfRef ? (doc.getObject(o) ?? undefined) : o;
    for (const name of ['sig_lender', 'sig_borrower', 'sig_guarantor_1']) {
      const widget = doc.getForm()!.getSignatureField(name)!.getWidgets()[0]!.dict;
      const ap = resolve(widget.getDict('AP', resolve as never)?.get('N'));
      expect(ap).toBeInstanceOf(PdfStream);
      const f1 = resolve(
        (ap as PdfStream)
          .getDict('Resources', resolve as never)
          ?.getDict('Font')
          ?.get('F1'),
      );
      expect(f1).toBeInstanceOf(PdfDict);
      const font = f1 as PdfDict;
      expect(font.getName('Subtype')?.value).toBe('Type0');
      expect(font.getName('Encoding')?.value).toBe('Identity-H');
      expect(font.getName('BaseFont')?.value).toMatch(/^[A-Z]{6}\+WenQuanYiMicroHei$/);
      const cid = resolve((font.getArray('DescendantFonts') as PdfArray).at(0)) as PdfDict;
      const descriptor = resolve(cid.get('FontDescriptor')) as PdfDict;
      const program = resolve(descriptor.get('FontFile2')) as PdfStream;
      expect(program.getDecodedData().length).toBeLessThan(40 * 1024);
      expect(new TextDecoder().decode((ap as PdfStream).getDecodedData())).toMatch(/\/F1 [\d.]+ Tf/);
    }
    const fonts = run('pdffonts', [file]).match(
      /\+WenQuanYiMicroHei\s+CID TrueType\s+Identity-H\s+yes yes yes/g,
    );
    expect(fonts).toHaveLength(4); // the contract's own subset and one per signature
  });

  it('pdftotext finds the names, roles, Beijing time and the seal in the signature boxes', () => {
    const text = run('pdftotext', ['-f', '8', '-l', '8', file, '-']);
    // The page itself prints "借款人（电子签名）" and the name on separate lines under each box; these
    // strings exist only in the appearances.
    for (const s of [
      '借款人：张三',
      '保证人：李四',
      '贷款人（盖章）',
      '数字签名 / Digitally signed',
      '2026-05-20 10:00:00 (UTC+8)',
      '2026-05-20 10:02:00 (UTC+8)',
      '合同专用章',
    ])
      expect(text).toContain(s);
  });

  it('pdfsig: every party signature is still valid', () => {
    const sigs = parsePdfsigOutput(run('pdfsig', [file]));
    for (const field of ['sig_lender', 'sig_borrower', 'sig_guarantor_1'])
      expect(sigs.find((s) => s.fieldName === field)?.signatureValidation).toBe('Signature is Valid.');
  });

  it('the seal is drawn: seal-red pixels in the lender box, none in the borrower box', () => {
    // Render the signature page as PPM (trivial to read) and count vermilion pixels per half-row band.
    const ppm = spawnSync('pdftoppm', ['-r', '50', '-f', '8', '-l', '8', file], {
      maxBuffer: 64 << 20,
    }).stdout;
    const header = ppm.subarray(0, 20).toString('latin1').split(/\s+/);
    const [width, height] = [Number(header[1]), Number(header[2])];
    const pixels = ppm.subarray(ppm.length - width * height * 3);
    const red = (x0: number, x1: number) => {
      let n = 0;
      for (let y = 0; y < height / 3; y++)
        for (let x = Math.floor(x0 * width); x < x1 * width; x++) {
          const i = (y * width + x) * 3;
          if (pixels[i]! > 170 && pixels[i + 1]! < 90 && pixels[i + 2]! < 90) n++;
        }
      return n;
    };
    expect(red(0, 0.5)).toBeGreaterThan(150);
    expect(red(0.5, 1)).toBe(0);
  });
});
