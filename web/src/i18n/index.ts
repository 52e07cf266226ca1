import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCNCore from './zh-CN.json';
import enCore from './en.json';
import collateralZhCN from './parts/collateral.zh-CN.json';
import guarantorsZhCN from './parts/guarantors.zh-CN.json';
import conditionsZhCN from './parts/conditions.zh-CN.json';
import operationsZhCN from './parts/operations.zh-CN.json';
import lendingZhCN from './parts/lending.zh-CN.json';
import interviewZhCN from './parts/interview.zh-CN.json';
import interviewRoomZhCN from './parts/interviewRoom.zh-CN.json';
import legalHoldsZhCN from './parts/legalHolds.zh-CN.json';
import collateralEn from './parts/collateral.en.json';
import guarantorsEn from './parts/guarantors.en.json';
import conditionsEn from './parts/conditions.en.json';
import operationsEn from './parts/operations.en.json';
import lendingEn from './parts/lending.en.json';
import interviewEn from './parts/interview.en.json';
import interviewRoomEn from './parts/interviewRoom.en.json';
import legalHoldsEn from './parts/legalHolds.en.json';

// One catalogue per language: the core file plus one part per capability (web/src/i18n/parts), so
// that work on different capabilities does not edit the same file. Parts use their own top-level key.
const zhCN = {
  ...zhCNCore,
  ...collateralZhCN,
  ...guarantorsZhCN,
  ...conditionsZhCN,
  ...operationsZhCN,
  ...lendingZhCN,
  ...interviewZhCN,
  ...interviewRoomZhCN,
  ...legalHoldsZhCN,
};
const en = {
  ...enCore,
  ...collateralEn,
  ...guarantorsEn,
  ...conditionsEn,
  ...operationsEn,
  ...lendingEn,
  ...interviewEn,
  ...interviewRoomEn,
  ...legalHoldsEn,
};

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

// Compile-time check that both catalogues have exactly the same keys: each must fit the other's type.
en satisfies typeof zhCN;
zhCN satisfies typeof en;

const storageKey = 'mianqian.language';

function storedLanguage(): Language {
  const stored = localStorage.getItem(storageKey);
  return languages.find((l) => l === stored) ?? 'zh-CN';
}

export function currentLanguage(): Language {
  return languages.find((l) => l === i18n.resolvedLanguage) ?? 'zh-CN';
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  localStorage.setItem(storageKey, lng);
});

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: languages,
  // Inline resources: initialise synchronously so the first render already has its texts.
  initAsync: false,
  // React escapes rendered text already.
  interpolation: { escapeValue: false },
});

export default i18n;
