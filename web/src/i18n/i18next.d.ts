import 'i18next';
import type zhCN from './zh-CN.json';

// Type the translation keys, so a misspelt or missing key is a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof zhCN };
  }
}
