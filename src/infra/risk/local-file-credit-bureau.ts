import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../core/errors';
import type { LocalisedLabel } from '../../core/risk/scorecard-model';
import type { CreditBureau, CreditRecord } from '../../features/risk/credit-bureau.port';

/** The records shipped with the repository (fixtures/credit-bureau/records.json). */
export const defaultBureauRecordsFile = fileURLToPath(
  new URL('../../../fixtures/credit-bureau/records.json', import.meta.url),
);

interface LocalRecord {
  name: string;
  sourceRow?: number;
  features: Record<string, number | string | null>;
}

const payStatus = (v: number) =>
  v <= -1
    ? { 'zh-CN': '按时还款', en: 'paid duly' }
    : v === 0
      ? { 'zh-CN': '正常（循环/最低还款）', en: 'current (revolving)' }
      : { 'zh-CN': `逾期 ${v} 个月`, en: `${v} month(s) late` };

/** The facts a report's summary page states, from the condensed record. */
function factsOf(features: LocalRecord['features']): CreditRecord['facts'] {
  const num = (k: string) => (typeof features[k] === 'number' ? (features[k] as number) : null);
  const months = ['PAY_0', 'PAY_2', 'PAY_3', 'PAY_4', 'PAY_5', 'PAY_6']
    .map(num)
    .filter((x): x is number => x !== null);
  const worst = months.length ? Math.max(...months) : null;
  const facts: { label: LocalisedLabel; value: string }[] = [];
  const limit = num('LIMIT_BAL');
  if (limit !== null)
    facts.push({ label: { 'zh-CN': '授信总额', en: 'Total credit limit' }, value: String(limit) });
  if (worst !== null) {
    const s = payStatus(worst);
    facts.push({
      label: { 'zh-CN': '近 6 个月最差还款状态', en: 'Worst repayment status, last 6 months' },
      value: `${s['zh-CN']} / ${s.en}`,
    });
    facts.push({
      label: { 'zh-CN': '近 6 个月逾期月数', en: 'Months late, last 6 months' },
      value: String(months.filter((m) => m > 0).length),
    });
  }
  const bill = num('BILL_AMT1');
  if (bill !== null)
    facts.push({ label: { 'zh-CN': '最近账单金额', en: 'Latest statement balance' }, value: String(bill) });
  const paid = num('PAY_AMT1');
  if (paid !== null)
    facts.push({ label: { 'zh-CN': '最近还款金额', en: 'Latest payment' }, value: String(paid) });
  return facts;
}

/**
 * The credit bureau answered from a local JSON file (fixtures/credit-bureau): a record when the ID
 * number is there and the name matches, "no record" otherwise — as the real bureau answers. Each
 * answer gets a fresh report number; the raw response is the JSON the adapter produced, so its hash
 * identifies what the assessment saw. The file is read once.
 */
export function createLocalFileCreditBureau({
  file = defaultBureauRecordsFile,
  clock = () => new Date(),
}: {
  file?: string;
  clock?: () => Date;
} = {}): CreditBureau {
  let records: Record<string, LocalRecord> | undefined;
  const load = () => {
    if (!records) {
      try {
        const doc = JSON.parse(readFileSync(file, 'utf8')) as { records: Record<string, LocalRecord> };
        records = doc.records;
      } catch (e) {
        throw new AppError('CREDIT_BUREAU_UNAVAILABLE', 'The local credit bureau file cannot be read', {
          cause: e instanceof Error ? e.message : String(e),
        });
      }
    }
    return records;
  };
  return {
    provider: 'local-file',
    async query(q) {
      const requestedAt = clock();
      const found = load()[q.idNumber.toUpperCase()];
      const record: CreditRecord | null =
        found && found.name === q.name
          ? { features: { ...found.features }, facts: factsOf(found.features) }
          : null;
      const retrievedAt = clock();
      const reportId = `LF${retrievedAt.toISOString().slice(0, 10).replaceAll('-', '')}${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`;
      const rawResponse = Buffer.from(
        JSON.stringify({
          provider: 'local-file',
          reportId,
          queryReason: '02',
          reference: q.reference,
          authorisation: q.consentId,
          retrievedAt: retrievedAt.toISOString(),
          result: record ? 'record' : 'no_record',
          record: record?.features ?? null,
        }),
        'utf8',
      );
      return { provider: 'local-file', reportId, requestedAt, retrievedAt, record, rawResponse };
    },
  };
}
