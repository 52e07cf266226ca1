// Renders the sample contracts and checks them with poppler (pdffonts, pdftotext, pdfsig, pdftoppm),
// tools we did not write. scripts/ensure-system-packages.mjs installs poppler-utils and the font, so a
// missing tool fails the test rather than skipping it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFSignature } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractLocale } from '../../core/contract/contract-data';
import { describeContractDocument, renderContractModel } from '../../core/contract/loan-contract-template';
import { sampleContractData } from '../../core/contract/sample-contract-data';
import { loadCjkFont } from './load-cjk-font';
import { renderContractPdf } from './render-contract-pdf';

const dir = mkdtempSync(join(tmpdir(), 'mianqian-contract-pdf-'));
const pdfs = new Map<ContractLocale, { bytes: Buffer; again: Buffer; path: string }>();

function tool(name: string, args: string[]): string {
  return execFileSync(name, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Page texts in layout order, whitespace removed (justified lines and table cells gain spaces). */
function pageTexts(path: string): string[] {
  return tool('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'])
    .split('\f')
    .slice(0, -1)
    .map((page) => page.replace(/\s/g, ''));
}

async function render(locale: ContractLocale): Promise<Buffer> {
  const data = sampleContractData(locale);
  return renderContractPdf(renderContractModel(data), {
    font: await loadCjkFont(),
    ...describeContractDocument(data),
  });
}

beforeAll(async () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    const bytes = await render(locale);
    const again = await render(locale);
    const path = join(dir, `loan-contract.${locale}.pdf`);
    writeFileSync(path, bytes);
    pdfs.set(locale, { bytes, again, path });
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(['zh-CN', 'en'] as const)('renderContractPdf (%s sample)', (locale) => {
  const pdf = () => pdfs.get(locale)!;

  it('gives the same bytes for the same data', () => {
    expect(pdf().bytes.equals(pdf().again)).toBe(true);
  });

  it('has a deterministic trailer /ID, fixed dates and producer, and a classic xref table', async () => {
    const text = pdf().bytes.toString('latin1');
    const ids = /\/ID \[ <([0-9A-F]{32})> <([0-9A-F]{32})> \]/.exec(text);
    expect(ids?.[1]).toBeDefined();
    expect(ids?.[2]).toBe(ids?.[1]);
    expect(text).toMatch(/\nxref\n0 \d+\n/);
    expect(text).not.toContain('/ObjStm');
    expect(text).not.toContain('/XRefStm');
    const doc = await PDFDocument.load(pdf().bytes, { updateMetadata: false });
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-05-20T02:00:00.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2026-05-20T02:00:00.000Z');
    expect(doc.getProducer()).toMatch(/^mianqian contract renderer/);
    expect(doc.getTitle()).toBe(
      locale === 'zh-CN' ? '借款合同 MQ-2026-000123' : 'Loan Contract MQ-2026-000123',
    );
  });

  it('embeds one subset font and nothing else (pdffonts)', () => {
    const rows = tool('pdffonts', [pdf().path]).trim().split('\n').slice(2);
    expect(rows).toHaveLength(1);
    const [name, type1, type2, encoding, emb, sub, uni] = rows[0]!.trim().split(/\s+/);
    expect(name).toMatch(/^[A-Z]{6}\+WenQuanYiMicroHei$/);
    expect([type1, type2, encoding]).toEqual(['CID', 'TrueType', 'Identity-H']);
    expect([emb, sub, uni]).toEqual(['yes', 'yes', 'yes']);
  });

  it('renders without poppler complaining about the font (pdftoppm)', () => {
    const run = spawnSync('pdftoppm', ['-r', '30', '-png', pdf().path, join(dir, `page-${locale}`)], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('has the text a reader sees, on every page the header and the page number (pdftotext)', () => {
    const pages = pageTexts(pdf().path);
    expect(pages.length).toBeGreaterThanOrEqual(7);
    expect(pages.length).toBeLessThanOrEqual(11);
    const all = pages.join('');
    const phrases =
      locale === 'zh-CN'
        ? [
            '借款合同',
            '年化利率',
            '人民币壹拾万元整',
            '4.55%',
            '贷款人住所地有管辖权的人民法院',
            '第十六条其他约定',
          ]
        : [
            'LoanContract',
            'Annualisedrate(年化利率)',
            '人民币壹拾万元整',
            '4.55%',
            'wheretheLenderisdomiciled',
          ];
    for (const phrase of phrases) expect(all, phrase).toContain(phrase);
    pages.forEach((page, i) => {
      expect(page).toContain('MQ-2026-000123');
      expect(page).toContain(
        locale === 'zh-CN' ? `第${i + 1}页/共${pages.length}页` : `Page${i + 1}of${pages.length}`,
      );
    });
    expect(all).not.toContain('110105198803154214');
  });

  it('splits the schedule across pages and repeats its header row there', () => {
    const pages = pageTexts(pdf().path);
    const header = locale === 'zh-CN' ? '期数还款日应还金额（元）' : 'No.DuedateInstalment(CNY)';
    const withHeader = pages.flatMap((page, i) => (page.includes(header) ? [i] : []));
    expect(withHeader.length).toBeGreaterThanOrEqual(2);
    expect(withHeader[1]).toBe(withHeader[0]! + 1);
    expect(pages[withHeader[0]!]).toContain('2026-07-01');
    expect(pages[withHeader.at(-1)!]).toContain('2029-06-01');
    expect(pages[withHeader.at(-1)!]).toContain('106,847.74');
  });

  it('has exactly the named, empty signature fields, with widgets on the signature page (pdf-lib)', async () => {
    const doc = await PDFDocument.load(pdf().bytes, { updateMetadata: false });
    const fields = doc.getForm().getFields();
    expect(fields.map((f) => f.getName())).toEqual(['sig_lender', 'sig_borrower', 'sig_guarantor_1']);
    const lastPage = doc.getPage(doc.getPageCount() - 1);
    for (const field of fields) {
      expect(field).toBeInstanceOf(PDFSignature);
      expect(field.acroField.dict.get(PDFName.of('FT'))).toBe(PDFName.of('Sig'));
      expect(field.acroField.dict.has(PDFName.of('V'))).toBe(false);
      const [widget] = field.acroField.getWidgets();
      expect(widget!.P()).toBe(lastPage.ref);
      const rect = widget!.getRectangle();
      expect(rect.width).toBeGreaterThan(150);
      expect(rect.height).toBeGreaterThan(50);
    }
    const annots = lastPage.node.Annots();
    expect(annots?.size()).toBe(3);
    const text = pageTexts(pdf().path).at(-1)!;
    for (const name of ['sig_lender', 'sig_borrower', 'sig_guarantor_1']) expect(text).toContain(name);
    const printed =
      locale === 'zh-CN'
        ? ['贷款人（电子签章）', '借款人（电子签名）', '张三', '保证人（电子签名）', '李四']
        : ['Lender(electronicseal)', 'Borrower(electronicsignature)', 'ZhangSan', 'Guarantor', 'LiSi'];
    for (const label of printed) expect(text).toContain(label);
  });

  it('shows pdfsig three unsigned signature fields', () => {
    const out = tool('pdfsig', [pdf().path]);
    expect([...out.matchAll(/Signature Field Name: (\S+)/g)].map((m) => m[1])).toEqual([
      'sig_lender',
      'sig_borrower',
      'sig_guarantor_1',
    ]);
    expect(out.match(/The signature form field is not signed\./g)).toHaveLength(3);
  });
});

describe('renderContractPdf', () => {
  it('refuses text the font cannot show instead of printing tofu', async () => {
    const model = [{ kind: 'paragraph' as const, text: 'Emoji 🙂 are not in the font' }];
    await expect(
      renderContractPdf(model, {
        font: await loadCjkFont(),
        title: 't',
        header: 'h',
        locale: 'en',
        producedAt: new Date('2026-01-01T00:00:00Z'),
      }),
    ).rejects.toThrow(/no glyph for U\+1F642/);
  });

  it('says what to install when the font is missing', async () => {
    await expect(loadCjkFont({ path: join(dir, 'missing.ttc') })).rejects.toThrow(
      /install fonts-wqy-microhei/,
    );
  });
});
