import type { EvidenceType } from '../../../../src/contracts/ledger.schema';
import type zhCN from '../../i18n/zh-CN.json';

export type EvidenceTypeLabelKey = keyof typeof zhCN.ledger.types;

/**
 * The translation key of each evidence type. The types contain dots, which i18next reads as nesting, so
 * they are mapped to flat keys; the Record makes a new type without a label a compile error.
 */
export const evidenceTypeLabelKeys: Record<EvidenceType, EvidenceTypeLabelKey> = {
  'application.event': 'applicationEvent',
  'document.upload': 'documentUpload',
  consent: 'consent',
  'identity.check': 'identityCheck',
  'risk.decision': 'riskDecision',
  'interview.recording': 'interviewRecording',
  'contract.document': 'contractDocument',
  'contract.signature': 'contractSignature',
  collateral: 'collateral',
  guarantee: 'guarantee',
  condition: 'condition',
  interview: 'interview',
  approval: 'approval',
  disbursement: 'disbursement',
  'evidence.package': 'evidencePackage',
  'legal.hold': 'legalHold',
};
