/**
 * The statement a signer confirms before their key is used (意愿确认), versioned like the consent
 * texts: the version is sent with the signature, and the intent record holds the SHA-256 of the exact
 * text shown, so a later change of wording never changes what an earlier signer agreed to.
 */
export const SIGNING_INTENT = {
  version: 'signing-intent-2026.1',
  text: {
    'zh-CN':
      '本人已完整阅读本合同全部条款（包括还款计划表、年化利率、费用及违约责任），理解并同意其内容，' +
      '自愿以电子签名方式签署本合同；本人知悉该电子签名与手写签名或者盖章具有同等的法律效力。',
    en:
      'I have read every term of this contract (including the repayment schedule, the annualised rate, ' +
      'the fees and the consequences of default), understand and agree to it, and sign it of my own ' +
      'free will by electronic signature, knowing that it has the same legal effect as a handwritten ' +
      'signature or seal.',
  },
} as const;
