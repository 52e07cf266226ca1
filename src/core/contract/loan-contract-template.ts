/**
 * Template `loan-contract`, version 2026.1: a loan contract between a bank, one borrower (a person or a
 * company) and any guarantors, in Chinese (zh-CN) and English, as a document model (`ContractBlock[]`).
 *
 * Both languages have the same clauses in the same order (the compiler checks that each wording
 * supplies every clause). The annualised rate (年化利率) stands right beside the nominal rate, in the
 * same size, as PBOC Announcement 〔2021〕 No. 3 asks. A change of wording is a new version: a signed
 * contract records the template id and version it was made from, so old versions are kept, not edited.
 */
import { isYuanString, Yuan } from '../money/money';
import { amountInChineseCapitals } from './amount-in-chinese-capitals';
import type { ContractBlock, SignatureSlot, TableBlock } from './contract-block';
import type {
  Borrower,
  CollateralItem,
  ContractData,
  ContractLocale,
  ContractSigner,
  ContractTemplateRef,
  DayCount,
  GuaranteeLiability,
  Guarantor,
  RepaymentMethod,
} from './contract-data';
import { formatRatePercent } from './format-rate-percent';
import { formatYuanGrouped } from './format-yuan-grouped';

/** The template this module implements. */
export const LOAN_CONTRACT_TEMPLATE: ContractTemplateRef = { id: 'loan-contract', version: '2026.1' };

/** The clauses of the template, in order; headings in the model carry these as anchors. */
export const LOAN_CONTRACT_CLAUSES = [
  'amount',
  'purpose',
  'term',
  'rate',
  'fees',
  'disbursement',
  'repayment',
  'prepayment',
  'guarantee',
  'collateral',
  'undertakings',
  'default',
  'disputes',
  'electronic-signature',
  'effectiveness',
  'miscellaneous',
] as const;

/** One clause of the loan contract. */
export type LoanContractClause = (typeof LOAN_CONTRACT_CLAUSES)[number];

/** Document-level facts a renderer needs besides the blocks: PDF metadata and the running header. */
export interface ContractDocumentInfo {
  readonly locale: ContractLocale;
  readonly title: string;
  /** Printed at the top of every page. */
  readonly header: string;
  readonly subject: string;
  readonly author: string;
  readonly keywords: readonly string[];
  /** From `data.issuedAt`: the PDF's creation date, so the same data gives the same bytes. */
  readonly producedAt: Date;
}

/** Figures computed once from the data, shared by both wordings. */
interface Facts {
  readonly amount: string;
  readonly amountCapitals: string;
  readonly nominalRate: string;
  readonly annualisedRate: string;
  readonly periods: number;
  readonly totalInterest: string;
  readonly totalPayment: string;
  readonly totalFees: string;
  readonly guarantorSigners: readonly ContractSigner[];
  /** 共36期，每月1日为还款日 / in 36 instalments due on day 1 of each month (or the one maturity date). */
  readonly instalmentsZh: string;
  readonly instalmentsEn: string;
}

/** A clause's title and body; strings become numbered paragraphs (1.1, 1.2, ...). */
interface ClauseText {
  readonly title: string;
  readonly body: readonly (string | TableBlock)[];
}

/** Everything that differs between the languages. */
interface Wording {
  readonly title: string;
  subtitle(d: ContractData): string[];
  header(d: ContractData): string;
  clauseHeading(index: number, title: string): string;
  /** Between a paragraph number and its text. */
  numberGap: string;
  lenderRows(d: ContractData): [string, string][];
  borrowerRows(b: Borrower): [string, string][];
  guarantorRows(g: Guarantor, index: number, count: number): [string, string][];
  preamble(d: ContractData): string;
  termsHeading: string;
  termsRows(d: ContractData, f: Facts): [string, string][];
  clauses: Record<LoanContractClause, (d: ContractData, f: Facts) => ClauseText>;
  acknowledgement: string;
  endOfText: string;
  scheduleHeading: string;
  scheduleNote(d: ContractData, f: Facts): string;
  scheduleColumns: readonly [string, string, string, string, string, string];
  totalLabel: string;
  signatureHeading: string;
  signatureNote(d: ContractData): string;
  roleLabel(role: ContractSigner['role'], kind: 'individual' | 'enterprise'): string;
  fieldCaption(fieldName: string): string;
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Chinese numerals 1-99 for article numbers: 一, 十, 十六, 二十一. */
function chineseOrdinal(n: number): string {
  const d = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : d[tens]!}十${d[n % 10]!}`;
}

function zhDate(iso: string): string {
  const [y, m, day] = iso.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

const EN_MONTHS =
  'January February March April May June July August September October November December'.split(' ');

function enDate(iso: string): string {
  const [y, m, day] = iso.split('-').map(Number);
  return `${day} ${EN_MONTHS[m! - 1]!} ${y}`;
}

const zhMethod: Record<RepaymentMethod, string> = {
  equal_installment: '等额本息',
  equal_principal: '等额本金',
  interest_only: '按月付息、到期还本',
  bullet: '到期一次性还本付息',
};

const enMethod: Record<RepaymentMethod, string> = {
  equal_installment: 'equal monthly instalments of principal and interest',
  equal_principal: 'equal monthly principal plus interest on the outstanding balance',
  interest_only: 'monthly interest, principal repaid at maturity',
  bullet: 'principal and interest repaid in one payment at maturity',
};

const zhLiability: Record<GuaranteeLiability, string> = {
  joint_and_several: '连带责任保证',
  general: '一般保证',
};

const enLiability: Record<GuaranteeLiability, string> = {
  joint_and_several: 'joint and several guarantee',
  general: 'general guarantee',
};

const zh: Wording = {
  title: '借款合同',
  subtitle: (d) => [
    `合同编号：${d.contractNumber}`,
    `文本版本：${d.template.id} ${d.template.version}\u3000合同日期：${zhDate(d.date)}`,
  ],
  header: (d) => `借款合同\u3000合同编号：${d.contractNumber}`,
  clauseHeading: (i, title) => `第${chineseOrdinal(i)}条\u3000${title}`,
  numberGap: '\u3000',
  lenderRows: (d) => [
    ['贷款人', d.lender.name],
    ['住所', d.lender.address],
    ['统一社会信用代码', d.lender.creditCode],
    ...(d.lender.representative ? [['负责人', d.lender.representative] as [string, string]] : []),
  ],
  borrowerRows: (b) =>
    b.kind === 'individual'
      ? [
          ['借款人', b.name],
          ['居民身份证号码', b.idNumberMasked],
          ['住所', b.address],
          ['联系电话', b.mobileMasked],
        ]
      : [
          ['借款人', b.companyName],
          ['统一社会信用代码', b.creditCode],
          ['法定代表人', b.legalRepresentative],
          ['住所', b.address],
        ],
  guarantorRows: (g, i, n) => [
    [n > 1 ? `保证人${chineseOrdinal(i + 1)}` : '保证人', g.name],
    [g.kind === 'individual' ? '居民身份证号码' : '统一社会信用代码', g.identifier],
    ['保证方式', zhLiability[g.liability]],
  ],
  preamble: (d) =>
    `借款人因${d.loan.purpose}需要，向贷款人申请借款。` +
    (d.guarantors.length > 0 ? '保证人同意为借款人在本合同项下的全部债务提供保证担保。' : '') +
    (d.collateral.length > 0 ? '本合同所列财产的所有权人同意以该财产提供担保。' : '') +
    `为明确各方的权利义务，根据《中华人民共和国民法典》《${
      d.borrower.kind === 'individual' ? '个人贷款管理办法' : '流动资金贷款管理办法'
    }》等法律法规和监管规定，各方在平等、自愿、诚实信用的基础上，经协商一致，订立本合同，以资共同遵守。`,
  termsHeading: '主要借款条件',
  termsRows: (d, f) => [
    ['借款金额', `人民币${f.amount}元（大写：人民币${f.amountCapitals}）`],
    ['借款用途', d.loan.purpose],
    ['借款期限', `${d.loan.termMonths}个月（${zhDate(d.loan.startDate)}至${zhDate(d.loan.endDate)}）`],
    ['还款方式', `${zhMethod[d.loan.repaymentMethod]}，${f.instalmentsZh}`],
    ['借款年利率', `${f.nominalRate}（单利，固定利率）`],
    [
      '年化利率',
      `${f.annualisedRate}（含全部利息及费用，按中国人民银行公告〔2021〕第3号规定的内部收益率法计算）`,
    ],
    [
      '费用',
      d.loan.fees.length === 0
        ? '无（除利息外不收取任何费用）'
        : d.loan.fees
            .map(
              (fee) =>
                `${fee.name}¥${formatYuanGrouped(fee.amount)}（${fee.basis === 'one_off' ? '一次性' : '每期'}）`,
            )
            .join('；'),
    ],
    ['放款账户', zhAccount(d.loan.disbursementAccount)],
    ['还款账户', zhAccount(d.loan.repaymentAccount)],
    ['担保方式', zhSecurity(d)],
  ],
  clauses: {
    amount: (_d, f) => ({
      title: '借款金额',
      body: [
        `本合同项下借款金额为人民币${f.amount}元（大写：人民币${f.amountCapitals}）。`,
        '实际放款金额、放款日和到期日以贷款人放款时生成的借款借据（含电子借据）记载为准。借款借据是本合同的组成部分，与本合同具有同等法律效力。',
      ],
    }),
    purpose: (d) => ({
      title: '借款用途',
      body: [
        `本合同项下借款用于：${d.loan.purpose}。未经贷款人书面同意，借款人不得改变借款用途。`,
        '借款不得用于购买房产或偿还住房贷款，不得用于股票、债券、期货、金融衍生产品、资产管理产品及股本权益性投资，不得用于民间借贷，不得用于国家禁止生产、经营的领域和用途。',
        '贷款人有权检查、监督借款的使用情况，借款人应按贷款人的要求提供借款使用凭证等资料，并予以配合。',
      ],
    }),
    term: (d) => ({
      title: '借款期限',
      body: [
        `借款期限为${d.loan.termMonths}个月，自${zhDate(d.loan.startDate)}起至${zhDate(d.loan.endDate)}止。`,
        '实际放款日与上述起始日不一致的，借款期限自实际放款日起算，到期日相应调整，以借款借据记载为准。',
      ],
    }),
    rate: (d, f) => ({
      title: '借款利率与年化利率',
      body: [
        `本合同项下借款年利率为${f.nominalRate}（单利），为固定利率，在借款期限内不作调整。`,
        zhInterestBasis(d.loan.dayCount),
        `本合同项下借款的年化利率为${f.annualisedRate}。年化利率按照中国人民银行公告〔2021〕第3号的要求，以借款人实际占用的本金为基础，将本合同约定的全部利息及费用按内部收益率（IRR）法折算为年化形式计算；前款所列年利率为单利，不含费用。`,
        `按照附件一《还款计划表》，借款人在借款期限内应付利息合计人民币${f.totalInterest}元，应付费用合计人民币${f.totalFees}元。借款人确认已知悉年化利率的计算方法及本合同项下全部利息、费用。`,
      ],
    }),
    fees: (d) => ({
      title: '费用',
      body:
        d.loan.fees.length === 0
          ? [
              '除本合同约定的利息外，贷款人不向借款人收取任何费用。',
              `因借款人违约而发生的实现债权的费用按${zhArticle('default')}的约定承担，不属于借款成本。`,
            ]
          : [
              `除利息外，借款人应支付下列费用：${d.loan.fees
                .map(
                  (fee) =>
                    `${fee.name}人民币${formatYuanGrouped(fee.amount)}元（${fee.basis === 'one_off' ? '于放款时一次性收取' : '于每期还款日随当期还款收取'}）`,
                )
                .join('；')}。上述费用已计入${zhArticle('rate')}所述年化利率。`,
              `除本合同约定的利息及前款所列费用外，贷款人不向借款人收取其他费用。因借款人违约而发生的实现债权的费用按${zhArticle('default')}的约定承担，不属于借款成本。`,
            ],
    }),
    disbursement: (d) => ({
      title: '放款',
      body: [
        `下列条件全部满足后，贷款人将借款划入借款人的放款账户（${zhAccount(d.loan.disbursementAccount)}）：（1）本合同已由各方以电子签名方式签署完成并生效；（2）借款人已完成身份核验及面签录音录像；（3）本合同约定的担保已经生效${zhPerfection(d.collateral)}；（4）借款人未发生本合同约定的违约情形。`,
        '借款资金的支付方式（受托支付或自主支付）按照法律法规、监管规定及贷款人的要求执行；采用受托支付的，借款人应提供交易对象及用途证明资料。',
      ],
    }),
    repayment: (d, f) => ({
      title: '还款',
      body: [
        `还款方式为${zhMethod[d.loan.repaymentMethod]}，${f.instalmentsZh}。各期应还金额、本金及利息以本合同附件一《还款计划表》为准。`,
        `借款人应于每期还款日前在还款账户（${zhAccount(d.loan.repaymentAccount)}）存足当期应还款项，并授权贷款人于还款日从该账户扣收。还款账户余额不足的，借款人授权贷款人从其在贷款人处开立的其他账户中扣收。`,
        '还款日遇法定节假日的，不予顺延。借款人所还款项不足以清偿全部到期债务的，按照实现债权的费用、罚息、复利、利息、本金的顺序清偿。',
      ],
    }),
    prepayment: () => ({
      title: '提前还款',
      body: [
        '借款人可以提前归还全部或部分借款，应至少提前五个工作日通过贷款人的网上银行、手机银行或营业网点提出申请。',
        '提前还款的，利息按实际占用天数计算，贷款人不收取提前还款违约金或其他费用。部分提前还款后，借款期限不变，剩余本金按原还款方式重新计算各期还款额，贷款人将更新后的还款计划通知借款人。',
      ],
    }),
    guarantee: (d) => ({
      title: '保证',
      body:
        d.guarantors.length === 0
          ? ['本合同项下借款无保证担保。']
          : [
              `${d.guarantors.map((g) => `保证人${g.name}为借款人在本合同项下的全部债务提供${zhLiability[g.liability]}`).join('；')}。`,
              '保证范围包括借款本金、利息、罚息、复利、违约金、损害赔偿金以及贷款人实现债权的费用（包括但不限于诉讼费、保全费、公告费、执行费、律师费、差旅费）。',
              '保证期间为自本合同项下债务履行期限届满之日起三年。贷款人依约宣布借款提前到期的，以宣布的提前到期日为债务履行期限届满之日。',
              '贷款人与借款人协议变更借款金额、利率、期限等主要内容的，应当取得保证人书面同意；未经保证人书面同意加重债务的，保证人对加重部分不承担保证责任。',
              d.collateral.length > 0
                ? '保证人确认已充分了解借款人的资信状况及本合同全部条款。本合同项下债权同时有物的担保的，贷款人可以选择先行要求保证人承担保证责任。'
                : '保证人确认已充分了解借款人的资信状况及本合同全部条款，其提供保证系真实意思表示。',
            ],
    }),
    collateral: (d) => ({
      title: '抵押与质押',
      body:
        d.collateral.length === 0
          ? ['本合同项下借款无抵押或质押担保。']
          : [
              '为担保本合同项下债务的履行，下列财产的所有权人（抵押人或出质人）同意以该财产提供担保，担保范围包括借款本金、利息、罚息、复利、违约金、损害赔偿金以及贷款人实现债权的费用：',
              collateralTable(d.collateral, ['序号', '方式', '财产描述', '所有权人', '评估价值（元）'], {
                mortgage: '抵押',
                pledge: '质押',
              }),
              '抵押权自办妥抵押登记时设立；质权自质物交付或权利出质登记时设立。抵押人或出质人不是本合同当事人的，由其与贷款人另行签订抵押合同或质押合同。',
              '担保期间，未经贷款人书面同意，所有权人不得转让、出租、再抵押或以其他方式处分担保财产。担保财产价值明显减少的，贷款人有权要求恢复担保财产的价值或者提供与减少的价值相应的担保。',
            ],
    }),
    undertakings: () => ({
      title: '借款人的陈述与承诺',
      body: [
        '借款人具有签订和履行本合同所需的民事行为能力和授权，签订本合同是其真实意思表示。',
        '借款人向贷款人提供的身份、收入、资产、负债等资料真实、准确、完整，不存在隐瞒或者虚假陈述。',
        '借款人将按约定用途使用借款，按期足额还本付息，并配合贷款人的贷后检查。',
        '借款人的通讯地址、联系电话、工作单位、收入状况等发生变更，或者发生可能影响其偿债能力的重大事项的，借款人应在五个工作日内书面通知贷款人。未经贷款人书面同意，借款人不得将本合同项下的债务全部或部分转让给第三人。',
        '借款人同意贷款人依法查询其信用报告，并依法将本合同项下的信贷信息报送金融信用信息基础数据库及其他依法设立的征信机构。',
      ],
    }),
    default: () => ({
      title: '违约与救济',
      body: [
        '下列情形之一构成借款人违约：（1）未按期足额偿还任一期本金或利息；（2）未按约定用途使用借款；（3）提供虚假资料或者隐瞒重要事实；（4）违反本合同项下的陈述与承诺；（5）保证人违约或者丧失担保能力、担保财产价值明显减少或者担保失效，借款人未按贷款人要求另行提供担保；（6）借款人涉及重大诉讼、财产被查封或者冻结，或者出现其他丧失或者可能丧失偿债能力的情形。',
        '借款人未按期还款的，自逾期之日起，对逾期本金按本合同约定的年利率上浮50%计收罚息，对未按期支付的利息按罚息利率计收复利；借款人未按约定用途使用借款的，对挪用部分自挪用之日起按本合同约定的年利率上浮100%计收罚息。罚息、复利及违约金合计不超过法律、司法解释允许的上限。',
        '发生违约情形的，贷款人有权采取下列一项或者多项措施：（1）要求借款人限期纠正；（2）停止发放尚未发放的借款；（3）宣布本合同项下借款全部提前到期，要求借款人立即偿还全部本金、利息及费用；（4）从借款人在贷款人处开立的账户中扣收应付款项；（5）要求保证人承担保证责任，依法处分担保财产；（6）依法将违约信息报送金融信用信息基础数据库；（7）法律法规规定的其他救济措施。',
        '因借款人违约，贷款人为实现债权而支出的诉讼费、保全费、公告费、执行费、律师费等合理费用，由借款人承担。',
      ],
    }),
    disputes: () => ({
      title: '争议解决',
      body: [
        '本合同的订立、效力、解释、履行及争议解决适用中华人民共和国法律（为本合同之目的，不包括香港特别行政区、澳门特别行政区和台湾地区法律）。',
        '因本合同引起或者与本合同有关的争议，各方应协商解决；协商不成的，任何一方均可向贷款人住所地有管辖权的人民法院提起诉讼。',
        '各方同意，依照《人民法院在线诉讼规则》，诉讼活动可以通过人民法院在线诉讼平台在线进行；各方同意以本合同载明的地址及借款人在贷款人处预留的手机号码作为送达地址，并同意人民法院以电子方式送达诉讼文书。',
        '争议解决期间，本合同中不涉及争议的条款仍应继续履行。',
      ],
    }),
    'electronic-signature': () => ({
      title: '电子签名与证据',
      body: [
        '各方同意以电子签名方式签署本合同。各方使用的电子签名符合《中华人民共和国电子签名法》第十三条规定的可靠电子签名的条件，与手写签名或者盖章具有同等的法律效力。',
        '各方应妥善保管各自的电子签名制作数据及身份认证信息（包括数字证书、密码、短信验证码等）；使用其电子签名制作数据作出的签署，视为该方本人的行为。',
        '各方确认，下列电子数据可以作为认定本合同订立和履行事实的证据：（1）经各方电子签名的本合同电子文件；（2）借款人身份核验记录及面签过程的录音录像；（3）贷款人电子证据存证账本中记录的本合同文件哈希值、签署记录、可信时间戳及其包含证明，任何一方均可独立验证；（4）借款借据、放款及还款凭证和系统日志。任何一方不得仅以上述证据系电子数据为由否认其证据效力。',
        '本合同签署完成后，各方可以通过贷款人提供的渠道下载本合同并验证其完整性。',
      ],
    }),
    effectiveness: () => ({
      title: '合同生效',
      body: [
        '本合同自各方完成电子签名之日（以最后一方电子签名所附可信时间戳为准）起生效，至本合同项下全部债务清偿完毕之日终止。',
        '附件一《还款计划表》是本合同不可分割的组成部分。本合同以电子数据形式订立，各方持有的电子文件内容一致，具有同等法律效力。',
      ],
    }),
    miscellaneous: () => ({
      title: '其他约定',
      body: [
        '贷款人依照《中华人民共和国个人信息保护法》等法律法规处理借款人及保证人的个人信息，仅用于本合同的订立、履行、贷后管理及依法报送，不作他用。',
        '本合同未尽事宜，各方可以另行协商签订补充协议；补充协议与本合同具有同等法律效力。',
      ],
    }),
  },
  acknowledgement:
    '贷款人已提请借款人及保证人注意本合同中对其权利义务有重大影响的条款（包括年化利率、费用、还款、提前到期、违约责任及争议解决条款），并已按其要求予以说明。借款人及保证人确认已认真阅读并充分理解本合同全部条款。',
  endOfText: '（以下无正文）',
  scheduleHeading: '附件一　还款计划表',
  scheduleNote: (d, f) =>
    `合同编号：${d.contractNumber}；借款金额：人民币${f.amount}元；借款年利率：${f.nominalRate}；年化利率：${f.annualisedRate}；还款方式：${zhMethod[d.loan.repaymentMethod]}。本计划表按预计放款日${zhDate(d.loan.startDate)}编制；实际放款日不同的，各期还款日及利息以借款借据及贷款人系统记载为准。`,
  scheduleColumns: ['期数', '还款日', '应还金额（元）', '本金（元）', '利息（元）', '剩余本金（元）'],
  totalLabel: '合计',
  signatureHeading: '签署页',
  signatureNote: (d) =>
    `本页为《借款合同》（合同编号：${d.contractNumber}）之签署页，无正文。各方以电子签名方式签署，签署时间以电子签名所附可信时间戳为准。`,
  roleLabel: (role, kind) =>
    ({ lender: '贷款人', borrower: '借款人', guarantor: '保证人' })[role] +
    (role === 'lender' || kind === 'enterprise' ? '（电子签章）' : '（电子签名）'),
  fieldCaption: (name) => `签名域：${name}`,
};

/** How interest is computed: 30/360 (monthly rate for whole periods) or actual days. */
function zhInterestBasis(dayCount: DayCount): string {
  const paid = '利息自实际放款日起计算，按照附件一《还款计划表》所列期次于每期还款日支付。';
  if (dayCount === '30/360')
    return `${paid}按期还款的，各期利息按月利率计算，月利率＝年利率÷12；不足一个月的期间（包括提前还款及逾期）按实际天数计算，日利率＝年利率÷360。`;
  return `${paid}利息按实际占用天数计算，日利率＝年利率÷${dayCount === 'ACT/365' ? 365 : 360}。`;
}

function enInterestBasis(dayCount: DayCount): string {
  const paid =
    'Interest runs from the actual disbursement date and is paid on each due date in the instalments listed in Annex 1 (Repayment Schedule).';
  if (dayCount === '30/360')
    return `${paid} For instalments paid when due, interest is computed at the monthly rate, equal to the annual rate divided by 12; for periods shorter than a month (including prepayment and late payment) it is computed on the actual number of days at the daily rate, equal to the annual rate divided by 360.`;
  return `${paid} Interest is computed on the actual number of days elapsed at the daily rate, equal to the annual rate divided by ${dayCount === 'ACT/365' ? 365 : 360}.`;
}

function articleNumber(clause: LoanContractClause): number {
  return LOAN_CONTRACT_CLAUSES.indexOf(clause) + 1;
}

function zhArticle(clause: LoanContractClause): string {
  return `第${chineseOrdinal(articleNumber(clause))}条`;
}

function enArticle(clause: LoanContractClause): string {
  return `Article ${articleNumber(clause)}`;
}

/** What must be done before disbursement for the security to exist (registration, delivery). */
function zhPerfection(items: readonly CollateralItem[]): string {
  const steps: string[] = [];
  if (items.some((c) => c.type === 'mortgage')) steps.push('抵押物已办妥抵押登记');
  if (items.some((c) => c.type === 'pledge')) steps.push('质物已交付或者已办妥出质登记');
  return steps.map((step) => `，${step}`).join('');
}

function enPerfection(items: readonly CollateralItem[]): string {
  const steps: string[] = [];
  if (items.some((c) => c.type === 'mortgage')) steps.push('the mortgages have been registered');
  if (items.some((c) => c.type === 'pledge'))
    steps.push('the pledged property has been delivered or the pledge registered');
  return steps.map((step) => `, ${step}`).join('');
}

function zhAccount(a: ContractData['loan']['disbursementAccount']): string {
  return `${a.bankName}，户名：${a.accountName}，账号：${a.accountNumberMasked}`;
}

function zhSecurity(d: ContractData): string {
  const parts: string[] = [];
  if (d.guarantors.length > 0)
    parts.push(`保证（${d.guarantors.map((g) => `${g.name}，${zhLiability[g.liability]}`).join('；')}）`);
  const mortgages = d.collateral.filter((c) => c.type === 'mortgage').length;
  const pledges = d.collateral.length - mortgages;
  if (mortgages > 0) parts.push(`抵押（${mortgages}项）`);
  if (pledges > 0) parts.push(`质押（${pledges}项）`);
  return parts.length === 0 ? '信用（无担保）' : parts.join('；');
}

function enAccount(a: ContractData['loan']['disbursementAccount']): string {
  return `${a.bankName}, account name ${a.accountName}, account no. ${a.accountNumberMasked}`;
}

function enSecurity(d: ContractData): string {
  const parts: string[] = [];
  if (d.guarantors.length > 0)
    parts.push(`guarantee (${d.guarantors.map((g) => `${g.name}, ${enLiability[g.liability]}`).join('; ')})`);
  const mortgages = d.collateral.filter((c) => c.type === 'mortgage').length;
  const pledges = d.collateral.length - mortgages;
  if (mortgages > 0) parts.push(`mortgage (${mortgages} item${mortgages > 1 ? 's' : ''})`);
  if (pledges > 0) parts.push(`pledge (${pledges} item${pledges > 1 ? 's' : ''})`);
  return parts.length === 0 ? 'unsecured (no guarantee or collateral)' : parts.join('; ');
}

const en: Wording = {
  title: 'Loan Contract',
  subtitle: (d) => [
    `Contract No. ${d.contractNumber}`,
    `Template ${d.template.id} ${d.template.version} · Dated ${enDate(d.date)}`,
  ],
  header: (d) => `Loan Contract · No. ${d.contractNumber}`,
  clauseHeading: (i, title) => `Article ${i}  ${title}`,
  numberGap: ' ',
  lenderRows: (d) => [
    ['Lender', d.lender.name],
    ['Registered address', d.lender.address],
    ['Unified social credit code', d.lender.creditCode],
    ...(d.lender.representative ? [['Person in charge', d.lender.representative] as [string, string]] : []),
  ],
  borrowerRows: (b) =>
    b.kind === 'individual'
      ? [
          ['Borrower', b.name],
          ['Resident ID number', b.idNumberMasked],
          ['Address', b.address],
          ['Mobile', b.mobileMasked],
        ]
      : [
          ['Borrower', b.companyName],
          ['Unified social credit code', b.creditCode],
          ['Legal representative', b.legalRepresentative],
          ['Registered address', b.address],
        ],
  guarantorRows: (g, i, n) => [
    [n > 1 ? `Guarantor ${i + 1}` : 'Guarantor', g.name],
    [g.kind === 'individual' ? 'Resident ID number' : 'Unified social credit code', g.identifier],
    ['Form of guarantee', capitalise(enLiability[g.liability])],
  ],
  preamble: (d) =>
    `The Borrower has applied to the Lender for a loan for ${d.loan.purpose}. ` +
    (d.guarantors.length > 0
      ? 'The Guarantor agrees to guarantee all of the Borrower’s obligations under this Contract. '
      : '') +
    (d.collateral.length > 0
      ? 'The owners of the property listed in this Contract agree to provide it as security. '
      : '') +
    `To set out their rights and obligations, the parties, in accordance with the Civil Code of the People’s Republic of China, the ${
      d.borrower.kind === 'individual'
        ? 'Measures for the Administration of Personal Loans'
        : 'Measures for the Administration of Working Capital Loans'
    } and other laws, regulations and supervisory rules, on the basis of equality, free will and good faith and after consultation, enter into this Contract.`,
  termsHeading: 'Principal Terms',
  termsRows: (d, f) => [
    ['Loan amount', `CNY ${f.amount} (¥${f.amount}; in Chinese capitals: 人民币${f.amountCapitals})`],
    ['Purpose', d.loan.purpose],
    ['Term', `${d.loan.termMonths} months (${enDate(d.loan.startDate)} to ${enDate(d.loan.endDate)})`],
    ['Repayment', `${capitalise(enMethod[d.loan.repaymentMethod])}; ${f.instalmentsEn}`],
    ['Nominal annual rate', `${f.nominalRate} (simple interest, fixed)`],
    [
      'Annualised rate (年化利率)',
      `${f.annualisedRate} (all interest and fees, computed as an internal rate of return under PBOC Announcement [2021] No. 3)`,
    ],
    [
      'Fees',
      d.loan.fees.length === 0
        ? 'None (no charge other than interest)'
        : d.loan.fees
            .map(
              (fee) =>
                `${fee.name} ¥${formatYuanGrouped(fee.amount)} (${fee.basis === 'one_off' ? 'one-off' : 'per instalment'})`,
            )
            .join('; '),
    ],
    ['Disbursement account', enAccount(d.loan.disbursementAccount)],
    ['Repayment account', enAccount(d.loan.repaymentAccount)],
    ['Security', capitalise(enSecurity(d))],
  ],
  clauses: {
    amount: (_d, f) => ({
      title: 'Loan Amount',
      body: [
        `The amount of the loan under this Contract is CNY ${f.amount} (in Chinese capitals: 人民币${f.amountCapitals}).`,
        'The amount actually disbursed, the disbursement date and the maturity date are those recorded in the loan receipt (including an electronic receipt) issued by the Lender on disbursement. The loan receipt forms part of this Contract and has the same legal effect.',
      ],
    }),
    purpose: (d) => ({
      title: 'Purpose',
      body: [
        `The loan shall be used for ${d.loan.purpose}. The Borrower shall not change the purpose without the Lender’s written consent.`,
        'The loan shall not be used to buy real estate or repay a housing loan; to invest in shares, bonds, futures, financial derivatives, asset-management products or equity; to lend to others; or for any field or purpose in which production or business is prohibited by the State.',
        'The Lender may inspect and monitor the use of the loan, and the Borrower shall provide evidence of its use and other information at the Lender’s request.',
      ],
    }),
    term: (d) => ({
      title: 'Term',
      body: [
        `The term of the loan is ${d.loan.termMonths} months, from ${enDate(d.loan.startDate)} to ${enDate(d.loan.endDate)}.`,
        'If the actual disbursement date differs from the start date above, the term runs from the actual disbursement date and the maturity date moves accordingly, as recorded in the loan receipt.',
      ],
    }),
    rate: (d, f) => ({
      title: 'Interest Rate and Annualised Rate',
      body: [
        `The nominal annual interest rate is ${f.nominalRate} (simple interest). The rate is fixed and does not change during the term.`,
        enInterestBasis(d.loan.dayCount),
        `The annualised rate (年化利率) of the loan is ${f.annualisedRate}. As required by PBOC Announcement [2021] No. 3, it is computed on the principal actually outstanding, by converting all interest and fees under this Contract into an annual internal rate of return (IRR); the nominal rate in the preceding paragraph is a simple rate that excludes fees.`,
        `Under Annex 1 (Repayment Schedule) the Borrower will pay interest of CNY ${f.totalInterest} and fees of CNY ${f.totalFees} in total over the term. The Borrower confirms that it understands how the annualised rate is computed and knows all interest and fees under this Contract.`,
      ],
    }),
    fees: (d) => ({
      title: 'Fees',
      body:
        d.loan.fees.length === 0
          ? [
              'The Lender charges the Borrower no fee other than the interest agreed in this Contract.',
              `Costs of enforcing the Lender’s claims after a default are borne as set out in ${enArticle('default')} and are not a cost of borrowing.`,
            ]
          : [
              `Besides interest, the Borrower shall pay the following fees: ${d.loan.fees
                .map(
                  (fee) =>
                    `${fee.name}, CNY ${formatYuanGrouped(fee.amount)} (${fee.basis === 'one_off' ? 'once, on disbursement' : 'on each due date with the instalment'})`,
                )
                .join('; ')}. These fees are included in the annualised rate stated in ${enArticle('rate')}.`,
              `The Lender charges no fee other than the interest and the fees above. Costs of enforcing the Lender’s claims after a default are borne as set out in ${enArticle('default')} and are not a cost of borrowing.`,
            ],
    }),
    disbursement: (d) => ({
      title: 'Disbursement',
      body: [
        `The Lender will pay the loan into the Borrower’s disbursement account (${enAccount(d.loan.disbursementAccount)}) once all of the following are met: (1) all parties have signed this Contract electronically and it has taken effect; (2) the Borrower has completed identity verification and the recorded video signing interview; (3) the security under this Contract has taken effect${enPerfection(d.collateral)}; (4) no event of default under this Contract has occurred.`,
        'Payment of the loan (to the Borrower’s counterparty on the Borrower’s instruction, or to the Borrower) follows laws, regulations, supervisory rules and the Lender’s requirements; where payment is made to a counterparty, the Borrower shall provide evidence of the transaction and its purpose.',
      ],
    }),
    repayment: (d, f) => ({
      title: 'Repayment',
      body: [
        `The loan is repaid by ${enMethod[d.loan.repaymentMethod]}, ${f.instalmentsEn}. The amount, principal and interest of each instalment are as set out in Annex 1 (Repayment Schedule).`,
        `Before each due date the Borrower shall hold enough funds in the repayment account (${enAccount(d.loan.repaymentAccount)}) and authorises the Lender to debit the instalment from it on the due date. If the balance is insufficient, the Borrower authorises the Lender to debit its other accounts with the Lender.`,
        'Due dates falling on public holidays are not postponed. A payment that does not discharge all amounts due is applied to enforcement costs, default interest, compound interest, interest and principal, in that order.',
      ],
    }),
    prepayment: () => ({
      title: 'Prepayment',
      body: [
        'The Borrower may prepay all or part of the loan by applying through the Lender’s online banking, mobile banking or a branch at least five business days in advance.',
        'On prepayment, interest is charged for the days actually elapsed; the Lender charges no prepayment penalty or other fee. After a partial prepayment the term is unchanged, the instalments are recalculated on the remaining principal by the same repayment method, and the Lender notifies the Borrower of the updated schedule.',
      ],
    }),
    guarantee: (d) => ({
      title: 'Guarantee',
      body:
        d.guarantors.length === 0
          ? ['The loan under this Contract is not guaranteed.']
          : [
              `${d.guarantors.map((g) => `${g.name} gives a ${enLiability[g.liability]}`).join('; ')} of all of the Borrower’s obligations under this Contract.`,
              'The guarantee covers principal, interest, default interest, compound interest, liquidated damages, compensation and the Lender’s costs of enforcing its claims (including court, preservation, publication, enforcement, legal and travel costs).',
              'The guarantee period is three years from the date on which the obligations under this Contract fall due. If the Lender accelerates the loan under this Contract, the accelerated date is the date on which the obligations fall due.',
              'Any agreement between the Lender and the Borrower changing the amount, rate, term or other principal terms requires the Guarantor’s written consent; the Guarantor is not liable for any increase in the obligations made without that consent.',
              d.collateral.length > 0
                ? 'The Guarantor confirms that it knows the Borrower’s credit standing and all terms of this Contract. Where the claims are also secured by property, the Lender may first require the Guarantor to perform the guarantee.'
                : 'The Guarantor confirms that it knows the Borrower’s credit standing and all terms of this Contract, and that it gives the guarantee of its own free will.',
            ],
    }),
    collateral: (d) => ({
      title: 'Mortgage and Pledge',
      body:
        d.collateral.length === 0
          ? ['The loan under this Contract is not secured by any mortgage or pledge.']
          : [
              'To secure the obligations under this Contract, the owners (mortgagors or pledgors) of the following property agree to provide it as security for principal, interest, default interest, compound interest, liquidated damages, compensation and the Lender’s costs of enforcing its claims:',
              collateralTable(d.collateral, ['No.', 'Form', 'Property', 'Owner', 'Appraised value (CNY)'], {
                mortgage: 'Mortgage',
                pledge: 'Pledge',
              }),
              'A mortgage is created on registration; a pledge on delivery of the pledged property or registration of the pledged right. Where a mortgagor or pledgor is not a party to this Contract, it shall enter into a separate mortgage or pledge contract with the Lender.',
              'While the security subsists, the owner shall not transfer, lease, re-mortgage or otherwise dispose of the property without the Lender’s written consent. If the value of the property falls materially, the Lender may require its value to be restored or equivalent additional security to be provided.',
            ],
    }),
    undertakings: () => ({
      title: 'Borrower’s Representations and Undertakings',
      body: [
        'The Borrower has the capacity and authority required to enter into and perform this Contract, which expresses its true intention.',
        'The identity, income, asset, liability and other information the Borrower has provided to the Lender is true, accurate and complete, with nothing concealed or misstated.',
        'The Borrower will use the loan for the agreed purpose, repay principal and interest in full when due, and cooperate with the Lender’s post-disbursement checks.',
        'The Borrower will notify the Lender in writing within five business days of any change of address, telephone number, employer or income, or of any event that may affect its ability to repay. The Borrower shall not transfer its obligations under this Contract, in whole or in part, without the Lender’s written consent.',
        'The Borrower agrees that the Lender may consult its credit report and report the credit information under this Contract to the Financial Credit Information Basic Database and other lawfully established credit reference agencies.',
      ],
    }),
    default: () => ({
      title: 'Default and Remedies',
      body: [
        'Each of the following is an event of default by the Borrower: (1) failure to pay any instalment of principal or interest in full when due; (2) use of the loan for another purpose; (3) provision of false information or concealment of material facts; (4) breach of the representations and undertakings in this Contract; (5) default or loss of capacity of a guarantor, a material fall in the value of the security or the security becoming ineffective, where the Borrower does not provide new security at the Lender’s request; (6) material litigation against the Borrower, seizure or freezing of its property, or any other circumstance in which it loses or may lose its ability to repay.',
        'On late payment, default interest accrues on the overdue principal from the day it is overdue at the agreed annual rate plus 50%, and compound interest accrues on unpaid interest at the default rate; on use of the loan for another purpose, default interest accrues on the amount misused from the day of misuse at the agreed annual rate plus 100%. Default interest, compound interest and liquidated damages together shall not exceed the limit permitted by law and judicial interpretation.',
        'On an event of default the Lender may take one or more of the following measures: (1) require the Borrower to remedy it within a set time; (2) stop any undisbursed part of the loan; (3) declare the whole loan due at once and require immediate repayment of all principal, interest and fees; (4) debit amounts due from the Borrower’s accounts with the Lender; (5) require the Guarantor to perform the guarantee and enforce the security according to law; (6) report the default to the Financial Credit Information Basic Database according to law; (7) any other remedy provided by law.',
        'Reasonable costs incurred by the Lender to enforce its claims following the Borrower’s default, including court, preservation, publication, enforcement and legal costs, are borne by the Borrower.',
      ],
    }),
    disputes: () => ({
      title: 'Dispute Resolution',
      body: [
        'The formation, validity, interpretation, performance and dispute resolution of this Contract are governed by the laws of the People’s Republic of China (for the purposes of this Contract excluding the laws of the Hong Kong and Macao Special Administrative Regions and Taiwan).',
        'The parties shall settle any dispute arising out of or in connection with this Contract by consultation; failing that, any party may bring proceedings before the competent people’s court at the place where the Lender is domiciled.',
        'The parties agree that, under the Online Litigation Rules of the People’s Courts, proceedings may be conducted online through the people’s courts’ online litigation platform. The parties accept the addresses stated in this Contract and the mobile number the Borrower has registered with the Lender as their addresses for service, and agree to electronic service of court documents.',
        'While a dispute is being resolved, the provisions of this Contract not in dispute shall continue to be performed.',
      ],
    }),
    'electronic-signature': () => ({
      title: 'Electronic Signature and Evidence',
      body: [
        'The parties agree to sign this Contract electronically. The electronic signatures used by the parties meet the conditions of a reliable electronic signature in Article 13 of the Electronic Signature Law of the People’s Republic of China and have the same legal effect as handwritten signatures or seals.',
        'Each party shall keep its signature-creation data and authentication credentials (including digital certificates, passwords and SMS verification codes) safe; a signature made with a party’s signature-creation data is deemed to be that party’s own act.',
        'The parties accept the following electronic data as evidence of the making and performance of this Contract: (1) the electronic file of this Contract bearing the parties’ electronic signatures; (2) the Borrower’s identity-verification records and the audio-video recording of the signing interview; (3) the hash of this Contract, the signing records, trusted timestamps and inclusion proofs recorded in the Lender’s evidence ledger, which any party can verify independently; (4) loan receipts, disbursement and repayment vouchers and system logs. No party shall deny the effect of such evidence solely because it is electronic data.',
        'After signing, each party may download this Contract and verify its integrity through the channels the Lender provides.',
      ],
    }),
    effectiveness: () => ({
      title: 'Entry into Force',
      body: [
        'This Contract takes effect when all parties have signed it electronically (at the time of the trusted timestamp of the last signature) and ends when all obligations under it have been discharged.',
        'Annex 1 (Repayment Schedule) forms an integral part of this Contract. This Contract is made in electronic form; the electronic files held by the parties are identical and have the same legal effect.',
      ],
    }),
    miscellaneous: () => ({
      title: 'Miscellaneous',
      body: [
        'The Lender processes the personal information of the Borrower and the Guarantor in accordance with the Personal Information Protection Law of the People’s Republic of China and other laws, only to make and perform this Contract, manage the loan and make reports required by law.',
        'Matters not covered by this Contract may be settled by a supplementary agreement, which has the same legal effect as this Contract.',
        'Where this Contract is also made in Chinese, both versions have the same effect; in case of any discrepancy the Chinese version prevails.',
      ],
    }),
  },
  acknowledgement:
    'The Lender has drawn the attention of the Borrower and the Guarantor to the terms of this Contract that materially affect their rights and obligations (including the annualised rate, fees, repayment, acceleration, liability for default and dispute resolution) and has explained them on request. The Borrower and the Guarantor confirm that they have read and fully understand all terms of this Contract.',
  endOfText: '(The remainder of this page is intentionally left blank.)',
  scheduleHeading: 'Annex 1  Repayment Schedule',
  scheduleNote: (d, f) =>
    `Contract No. ${d.contractNumber}; loan amount CNY ${f.amount}; nominal annual rate ${f.nominalRate}; annualised rate ${f.annualisedRate}; repayment by ${enMethod[d.loan.repaymentMethod]}. This schedule assumes disbursement on ${enDate(d.loan.startDate)}; if the actual disbursement date differs, the due dates and interest are those recorded in the loan receipt and the Lender’s system.`,
  scheduleColumns: [
    'No.',
    'Due date',
    'Instalment (CNY)',
    'Principal (CNY)',
    'Interest (CNY)',
    'Balance (CNY)',
  ],
  totalLabel: 'Total',
  signatureHeading: 'Signature Page',
  signatureNote: (d) =>
    `This page is the signature page of the Loan Contract No. ${d.contractNumber} and contains no further terms. The parties sign electronically; the time of each signature is that of the trusted timestamp attached to it.`,
  roleLabel: (role, kind) =>
    ({ lender: 'Lender', borrower: 'Borrower', guarantor: 'Guarantor' })[role] +
    (role === 'lender' || kind === 'enterprise' ? ' (electronic seal)' : ' (electronic signature)'),
  fieldCaption: (name) => `Signature field: ${name}`,
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function collateralTable(
  items: readonly CollateralItem[],
  headers: readonly [string, string, string, string, string],
  typeLabel: Record<CollateralItem['type'], string>,
): TableBlock {
  return {
    kind: 'table',
    columns: [
      { header: headers[0], width: 1, align: 'center' },
      { header: headers[1], width: 1.4, align: 'center' },
      { header: headers[2], width: 6, align: 'left' },
      { header: headers[3], width: 2.2, align: 'left' },
      { header: headers[4], width: 2.4, align: 'right' },
    ],
    rows: items.map((c, i) => [
      String(i + 1),
      typeLabel[c.type],
      c.description,
      c.owner,
      formatYuanGrouped(c.appraisedValue),
    ]),
  };
}

/** Everything wrong with the data, so that one error lists all problems. */
function findProblems(d: ContractData): string[] {
  const problems: string[] = [];
  const { template, loan } = d;
  if (template.id !== LOAN_CONTRACT_TEMPLATE.id || template.version !== LOAN_CONTRACT_TEMPLATE.version)
    problems.push(
      `template ${template.id} ${template.version} is not ${LOAN_CONTRACT_TEMPLATE.id} ${LOAN_CONTRACT_TEMPLATE.version}`,
    );
  if (d.locale !== 'zh-CN' && d.locale !== 'en') problems.push(`unknown locale ${String(d.locale)}`);
  for (const [name, value] of [
    ['date', d.date],
    ['loan.startDate', loan.startDate],
    ['loan.endDate', loan.endDate],
  ] as const)
    if (!ISO_DATE.test(value)) problems.push(`${name} is not an ISO date: ${value}`);
  if (Number.isNaN(Date.parse(d.issuedAt)) || !/[zZ]|[+-]\d\d:\d\d$/.test(d.issuedAt))
    problems.push(`issuedAt is not an ISO 8601 instant with an offset: ${d.issuedAt}`);
  if (!isYuanString(loan.amount) || new Yuan(loan.amount).isZero())
    problems.push(`loan.amount: ${loan.amount}`);
  if (loan.currency !== 'CNY') problems.push(`loan.currency must be CNY`);
  if (!['30/360', 'ACT/360', 'ACT/365'].includes(loan.dayCount))
    problems.push(`loan.dayCount: ${loan.dayCount}`);
  if (!Number.isInteger(loan.termMonths) || loan.termMonths < 1)
    problems.push('loan.termMonths: whole months ≥ 1');
  if (!Number.isInteger(loan.repaymentDay) || loan.repaymentDay < 1 || loan.repaymentDay > 28)
    problems.push('loan.repaymentDay: 1-28');
  for (const [name, rate] of [
    ['nominalAnnualRate', loan.nominalAnnualRate],
    ['annualisedRate', loan.annualisedRate],
  ] as const)
    if (!/^0\.\d+$/.test(rate)) problems.push(`loan.${name} is not a decimal fraction below 1: ${rate}`);
  for (const fee of loan.fees) if (!isYuanString(fee.amount)) problems.push(`fee ${fee.name}: ${fee.amount}`);
  for (const c of d.collateral)
    if (!isYuanString(c.appraisedValue)) problems.push(`collateral ${c.description}: ${c.appraisedValue}`);

  // Full identifiers never reach a contract document (see contract-data.ts).
  const masked: [string, string][] = [
    ['loan.disbursementAccount', loan.disbursementAccount.accountNumberMasked],
    ['loan.repaymentAccount', loan.repaymentAccount.accountNumberMasked],
  ];
  if (d.borrower.kind === 'individual')
    masked.push(
      ['borrower.idNumberMasked', d.borrower.idNumberMasked],
      ['borrower.mobileMasked', d.borrower.mobileMasked],
    );
  d.guarantors.forEach((g, i) => {
    if (g.kind === 'individual') masked.push([`guarantors[${i}].identifier`, g.identifier]);
  });
  for (const [name, value] of masked) if (!value.includes('*')) problems.push(`${name} is not masked`);

  problems.push(...scheduleProblems(d));
  problems.push(...signerProblems(d));
  return problems;
}

function scheduleProblems(d: ContractData): string[] {
  const problems: string[] = [];
  if (d.schedule.length === 0) return ['the schedule is empty'];
  let balance = isYuanString(d.loan.amount) ? new Yuan(d.loan.amount) : new Yuan(0);
  d.schedule.forEach((row, i) => {
    const where = `schedule row ${i + 1}`;
    if (row.period !== i + 1) problems.push(`${where}: period ${row.period}, expected ${i + 1}`);
    if (!ISO_DATE.test(row.dueDate)) problems.push(`${where}: due date ${row.dueDate}`);
    const amounts = [row.payment, row.principal, row.interest, row.balance];
    if (!amounts.every(isYuanString)) {
      problems.push(`${where}: amounts must be yuan strings`);
      return;
    }
    if (!new Yuan(row.principal).plus(row.interest).eq(row.payment))
      problems.push(`${where}: payment ≠ principal + interest`);
    balance = balance.minus(row.principal);
    if (!balance.eq(row.balance))
      problems.push(`${where}: balance ${row.balance}, expected ${balance.toFixed(2)}`);
  });
  if (problems.length === 0 && !balance.isZero())
    problems.push('the schedule does not repay the whole amount');
  // Version 2026.1 words monthly instalments only (a quarterly schedule needs other wording).
  const expected = d.loan.repaymentMethod === 'bullet' ? 1 : d.loan.termMonths;
  if (d.schedule.length !== expected)
    problems.push(
      `the schedule has ${d.schedule.length} rows; monthly ${d.loan.repaymentMethod} over ${d.loan.termMonths} months has ${expected}`,
    );
  return problems;
}

function signerProblems(d: ContractData): string[] {
  const problems: string[] = [];
  const count = (role: ContractSigner['role']) => d.signers.filter((s) => s.role === role).length;
  if (count('lender') !== 1) problems.push('exactly one lender signer is needed');
  if (count('borrower') !== 1) problems.push('exactly one borrower signer is needed');
  if (count('guarantor') !== d.guarantors.length)
    problems.push('one guarantor signer per guarantor is needed');
  const names = new Set<string>();
  for (const s of d.signers) {
    if (!FIELD_NAME.test(s.fieldName)) problems.push(`signature field name ${JSON.stringify(s.fieldName)}`);
    if (names.has(s.fieldName)) problems.push(`signature field ${s.fieldName} appears twice`);
    names.add(s.fieldName);
  }
  return problems;
}

function sum(values: readonly string[]): Yuan {
  return values.reduce((acc, v) => acc.plus(v), new Yuan(0));
}

function computeFacts(d: ContractData): Facts {
  const periods = d.schedule.length;
  const fees = d.loan.fees.map((f) => new Yuan(f.amount).times(f.basis === 'one_off' ? 1 : periods));
  return {
    amount: formatYuanGrouped(d.loan.amount),
    amountCapitals: amountInChineseCapitals(d.loan.amount),
    nominalRate: formatRatePercent(d.loan.nominalAnnualRate),
    annualisedRate: formatRatePercent(d.loan.annualisedRate),
    periods,
    totalInterest: formatYuanGrouped(sum(d.schedule.map((r) => r.interest)).toFixed(2)),
    totalPayment: formatYuanGrouped(sum(d.schedule.map((r) => r.payment)).toFixed(2)),
    totalFees: formatYuanGrouped(fees.reduce((a, b) => a.plus(b), new Yuan(0)).toFixed(2)),
    guarantorSigners: d.signers.filter((s) => s.role === 'guarantor'),
    instalmentsZh:
      periods === 1
        ? `于${zhDate(d.schedule[0]!.dueDate)}一次性偿还`
        : `共${periods}期，每月${d.loan.repaymentDay}日为还款日`,
    instalmentsEn:
      periods === 1
        ? `in one payment on ${enDate(d.schedule[0]!.dueDate)}`
        : `in ${periods} instalments due on day ${d.loan.repaymentDay} of each month`,
  };
}

function wordingFor(locale: ContractLocale): Wording {
  return locale === 'zh-CN' ? zh : en;
}

/**
 * Checks the data and builds the loan contract's document model: title, parties, principal terms,
 * the clauses in `LOAN_CONTRACT_CLAUSES` order (headings carry the clause as `anchor`), the repayment
 * schedule as Annex 1, and a signature page with one slot per signer. Throws RangeError listing every
 * problem when the data is inconsistent (wrong template, unmasked identifiers, a schedule that does not
 * add up, missing or duplicate signers).
 */
export function renderContractModel(data: ContractData): ContractBlock[] {
  const problems = findProblems(data);
  if (problems.length > 0) throw new RangeError(`contract data: ${problems.join('; ')}`);
  const w = wordingFor(data.locale);
  const f = computeFacts(data);
  const blocks: ContractBlock[] = [{ kind: 'title', text: w.title, subtitle: w.subtitle(data) }];

  blocks.push({ kind: 'key-value', rows: w.lenderRows(data).map(([key, value]) => ({ key, value })) });
  blocks.push({
    kind: 'key-value',
    rows: w.borrowerRows(data.borrower).map(([key, value]) => ({ key, value })),
  });
  data.guarantors.forEach((g, i) =>
    blocks.push({
      kind: 'key-value',
      rows: w.guarantorRows(g, i, data.guarantors.length).map(([key, value]) => ({ key, value })),
    }),
  );
  blocks.push({ kind: 'paragraph', text: w.preamble(data) });
  blocks.push({ kind: 'heading', level: 1, text: w.termsHeading });
  blocks.push({ kind: 'key-value', rows: w.termsRows(data, f).map(([key, value]) => ({ key, value })) });

  LOAN_CONTRACT_CLAUSES.forEach((clause, i) => {
    const { title, body } = w.clauses[clause](data, f);
    blocks.push({ kind: 'heading', level: 2, text: w.clauseHeading(i + 1, title), anchor: clause });
    let paragraph = 0;
    for (const item of body) {
      if (typeof item === 'string') {
        paragraph++;
        blocks.push({ kind: 'paragraph', text: `${i + 1}.${paragraph}${w.numberGap}${item}` });
      } else blocks.push(item);
    }
  });
  blocks.push({ kind: 'paragraph', text: w.acknowledgement, emphasis: true });
  blocks.push({ kind: 'paragraph', text: w.endOfText, align: 'center' });

  blocks.push({ kind: 'page-break' });
  blocks.push({ kind: 'heading', level: 1, text: w.scheduleHeading, anchor: 'annex-schedule' });
  blocks.push({ kind: 'paragraph', text: w.scheduleNote(data, f) });
  blocks.push(scheduleTable(data, w, f));

  blocks.push({ kind: 'page-break' });
  blocks.push({ kind: 'heading', level: 1, text: w.signatureHeading, anchor: 'signatures' });
  blocks.push({ kind: 'paragraph', text: w.signatureNote(data) });
  blocks.push({ kind: 'signatures', slots: signatureSlots(data, w, f) });
  return blocks;
}

function scheduleTable(d: ContractData, w: Wording, f: Facts): TableBlock {
  const [period, due, payment, principal, interest, balance] = w.scheduleColumns;
  return {
    kind: 'table',
    columns: [
      { header: period, width: 0.8, align: 'center' },
      { header: due, width: 1.5, align: 'center' },
      { header: payment, width: 1.7, align: 'right' },
      { header: principal, width: 1.7, align: 'right' },
      { header: interest, width: 1.5, align: 'right' },
      { header: balance, width: 1.8, align: 'right' },
    ],
    rows: d.schedule.map((r) => [
      String(r.period),
      r.dueDate,
      formatYuanGrouped(r.payment),
      formatYuanGrouped(r.principal),
      formatYuanGrouped(r.interest),
      formatYuanGrouped(r.balance),
    ]),
    footer: [w.totalLabel, '', f.totalPayment, f.amount, f.totalInterest, ''],
  };
}

function signatureSlots(d: ContractData, w: Wording, f: Facts): SignatureSlot[] {
  return d.signers.map((s) => {
    const kind =
      s.role === 'lender'
        ? 'enterprise'
        : s.role === 'borrower'
          ? d.borrower.kind
          : (d.guarantors[f.guarantorSigners.indexOf(s)]?.kind ?? 'individual');
    return {
      role: s.role,
      roleLabel: w.roleLabel(s.role, kind),
      name: s.displayName,
      fieldName: s.fieldName,
      caption: w.fieldCaption(s.fieldName),
    };
  });
}

/** Title, running header and PDF metadata for a contract; `producedAt` comes from `data.issuedAt`. */
export function describeContractDocument(data: ContractData): ContractDocumentInfo {
  const w = wordingFor(data.locale);
  return {
    locale: data.locale,
    title: `${w.title} ${data.contractNumber}`,
    header: w.header(data),
    subject: `${w.title} · ${data.template.id} ${data.template.version}`,
    author: data.lender.name,
    keywords: [data.contractNumber, `${data.template.id}@${data.template.version}`, data.locale],
    producedAt: new Date(data.issuedAt),
  };
}
