import { useTranslation } from 'react-i18next';
import type { EvidenceType } from '../../../../src/contracts/ledger.schema';
import zhCN from '../../i18n/zh-CN.json';
import { evidenceTypeLabelKeys } from './evidence-type-labels';

type KnownActor = keyof typeof zhCN.actors;

function isKnownActor(role: string): role is KnownActor {
  return Object.hasOwn(zhCN.actors, role);
}

/** Labels of evidence types and of the actor roles the ledger records (an unknown role shows as it is). */
export function useLedgerLabels() {
  const { t } = useTranslation();
  return {
    typeLabel: (type: EvidenceType) => t(`ledger.types.${evidenceTypeLabelKeys[type]}`),
    actorLabel: (role: string) => (isKnownActor(role) ? t(`actors.${role}`) : role),
  };
}
