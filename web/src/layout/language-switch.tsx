import { Button } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';

/** Shows the other language's own name ("English" / "中文") and switches to it. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = currentLanguage() === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <Button
      type="text"
      icon={<TranslationOutlined />}
      onClick={() => void i18n.changeLanguage(other)}
      data-testid="lang-switch"
      data-language={i18n.language}
      style={{ color: 'inherit' }}
    >
      {t('header.otherLanguage')}
    </Button>
  );
}
