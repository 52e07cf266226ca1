import { createHash } from 'node:crypto';

/**
 * What a borrower consents to before identity verification (《个人信息保护法》 art. 14, 28-29: separate
 * consent for sensitive personal information such as face data and for each further purpose):
 *
 * - `personal_information`: processing of name, ID number and mobile to verify identity and assess the loan;
 * - `face_data`: face recognition against the registered photo (separate consent, PIPL art. 29);
 * - `face_image_retention`: keeping the selfie frames afterwards (without it they are discarded after the check);
 * - `credit_inquiry`: querying the credit reference centre (征信查询授权);
 * - `recording`: audio and video recording of the interview and signing.
 */
export const consentKinds = [
  'personal_information',
  'face_data',
  'face_image_retention',
  'credit_inquiry',
  'recording',
] as const;
export type ConsentKind = (typeof consentKinds)[number];

/** The consents identity verification cannot go on without (face data only on the face path). */
export const requiredConsents: readonly ConsentKind[] = [
  'personal_information',
  'credit_inquiry',
  'recording',
];

export interface ConsentText {
  readonly kind: ConsentKind;
  /** Changes whenever the wording does; a consent records the version it was given to. */
  readonly version: string;
  readonly title: { readonly 'zh-CN': string; readonly en: string };
  readonly body: { readonly 'zh-CN': string; readonly en: string };
}

/** The texts in force. A new version is a new entry here; old versions stay in the history below. */
export const consentTexts: Readonly<Record<ConsentKind, ConsentText>> = {
  personal_information: {
    kind: 'personal_information',
    version: '2026-11.1',
    title: { 'zh-CN': '个人信息处理授权', en: 'Processing of personal information' },
    body: {
      'zh-CN':
        '本人同意银行为办理贷款面签及身份核验之目的，收集并处理本人的姓名、身份证号码、手机号码及申请材料，并向公民身份信息核查服务提交姓名与身份证号码进行核验。上述信息加密保存，仅用于本次贷款的受理、审查、签约与存证，保存期限为法律法规要求的最短期限。本人可随时撤回本授权，撤回不影响撤回前已进行的处理。',
      en: 'I agree that the bank collects and processes my name, ID number, mobile number and application documents to verify my identity and handle my loan, and submits my name and ID number to the national citizen-identity verification service. The data is stored encrypted, used only to accept, review, sign and evidence this loan, and kept no longer than the law requires. I may withdraw this consent at any time; withdrawal does not affect processing done before it.',
    },
  },
  face_data: {
    kind: 'face_data',
    version: '2026-11.1',
    title: { 'zh-CN': '人脸识别单独授权', en: 'Separate consent to face recognition' },
    body: {
      'zh-CN':
        '本人单独同意银行在身份核验时采集本人的人脸图像，进行活体检测，并与公民身份信息核查服务登记的照片比对。人脸信息属于敏感个人信息；本人也可以拒绝人脸识别，改由客户经理在视频面签中核验身份。',
      en: 'I separately agree that the bank captures images of my face during identity verification, checks that they show a live person, and compares them with the photo registered with the national citizen-identity service. Face data is sensitive personal information; I may refuse face recognition and have my identity checked by the loan officer in the video interview instead.',
    },
  },
  face_image_retention: {
    kind: 'face_image_retention',
    version: '2026-11.1',
    title: { 'zh-CN': '人脸图像留存授权（可选）', en: 'Keeping the face images (optional)' },
    body: {
      'zh-CN':
        '本人同意银行在核验完成后加密留存本次采集的人脸图像，作为贷款存证材料，保存至贷款结清后五年。不同意的，图像在比对完成后立即删除，仅保留比对结果。',
      en: 'I agree that the bank keeps the face images taken for this check, encrypted, as evidence of the loan, until five years after the loan is repaid. Without this consent the images are deleted as soon as the comparison is done and only its result is kept.',
    },
  },
  credit_inquiry: {
    kind: 'credit_inquiry',
    version: '2026-11.1',
    title: { 'zh-CN': '征信查询授权', en: 'Credit report inquiry' },
    body: {
      'zh-CN':
        '本人授权银行在贷款审查、贷后管理期间向中国人民银行征信中心金融信用信息基础数据库及依法设立的征信机构查询、报送本人的信用信息。',
      en: 'I authorise the bank to inquire about and report my credit information to the Credit Reference Center of the People’s Bank of China and lawfully established credit bureaus while reviewing and managing the loan.',
    },
  },
  recording: {
    kind: 'recording',
    version: '2026-11.1',
    title: { 'zh-CN': '录音录像授权', en: 'Audio and video recording' },
    body: {
      'zh-CN':
        '本人同意银行对视频面签及合同签署过程进行全程录音录像（“双录”），录像加密保存，作为本次贷款的存证材料。',
      en: 'I agree that the bank records the video interview and the signing in sound and picture; the recordings are stored encrypted as evidence of this loan.',
    },
  },
};

/** SHA-256 of a text exactly as shown (title and body in one language): what a consent record points at. */
export function consentTextDigest({ text, locale }: { text: ConsentText; locale: 'zh-CN' | 'en' }): string {
  return createHash('sha256').update(`${text.title[locale]}\n\n${text.body[locale]}`, 'utf8').digest('hex');
}
