import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN.json';
import en from './en.json';

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
