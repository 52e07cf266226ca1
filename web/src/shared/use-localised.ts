import { useTranslation } from 'react-i18next';

export interface LocalisedText {
  'zh-CN': string;
  en: string;
}

/** Picks the current language's text of a server-provided `{ "zh-CN", en }` pair. */
export function useLocalised(): (text: LocalisedText) => string {
  const { i18n } = useTranslation();
  return (text) => (i18n.language === 'en' ? text.en : text['zh-CN']);
}
