import { Button, Grid } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';

/**
 * Shows the other language's own name ("English" / "中文") and switches to it; on phones only the
 * icon, so the header keeps room for the menu's "…" (a 390px header holds little else).
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const screens = Grid.useBreakpoint();
  const other = currentLanguage() === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <Button
      type="text"
      icon={<TranslationOutlined />}
      onClick={() => void i18n.changeLanguage(other)}
      data-testid="lang-switch"
      data-language={i18n.language}
      aria-label={t('header.otherLanguage')}
      title={t('header.otherLanguage')}
      style={{ color: 'inherit' }}
    >
      {screens.md && t('header.otherLanguage')}
    </Button>
  );
}
