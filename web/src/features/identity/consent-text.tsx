import { Typography } from 'antd';
import type { ConsentTextList } from '../../../../src/contracts/identity.schema';
import { currentLanguage } from '../../i18n';

/** One consent text exactly as versioned on the server, in the reader's language. */
export function ConsentText({ text }: { text: ConsentTextList['items'][number] }) {
  const lang = currentLanguage();
  return (
    <div
      style={{
        maxHeight: 180,
        overflowY: 'auto',
        background: '#fafafa',
        padding: 12,
        borderRadius: 6,
        marginBottom: 8,
      }}
      data-testid={`consent-text-${text.kind}`}
    >
      <Typography.Text strong>{text.title[lang]}</Typography.Text>
      <Typography.Paragraph style={{ marginBottom: 0, marginTop: 4, fontSize: 13 }}>
        {text.body[lang]}
      </Typography.Paragraph>
    </div>
  );
}
