import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import zhCN from '../i18n/zh-CN.json';

type KnownCode = keyof typeof zhCN.errors;

function isKnownCode(code: string): code is KnownCode {
  return Object.hasOwn(zhCN.errors, code);
}

export interface ErrorText {
  /** Translated text for a known error code, else the server's own message. */
  title: string;
  /** The server's message when the title is a translation of its code (it often names the field). */
  detail: string | undefined;
}

export function useErrorText(): (error: unknown) => ErrorText {
  const { t } = useTranslation();
  return (error) => {
    if (error instanceof ApiError) {
      if (isKnownCode(error.code)) {
        const title = t(`errors.${error.code}`);
        return { title, detail: error.message && error.message !== title ? error.message : undefined };
      }
      return { title: error.message || t('errors.UNKNOWN'), detail: undefined };
    }
    return { title: t('errors.UNKNOWN'), detail: error instanceof Error ? error.message : undefined };
  };
}
