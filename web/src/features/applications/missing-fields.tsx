import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMissingFieldLabel } from './use-missing-field-label';

/** What the server says a draft still lacks before it can be submitted. */
export function MissingFields({ fields }: { fields: string[] }) {
  const { t } = useTranslation();
  const labelOf = useMissingFieldLabel();
  if (!fields.length)
    return <Alert type="success" showIcon title={t('review.ready')} data-testid="ready-to-submit" />;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('review.missingTitle')}
      data-testid="missing-fields"
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {fields.map((f) => (
            <li key={f} data-testid="missing-field" data-field={f}>
              {labelOf(f)}
            </li>
          ))}
        </ul>
      }
    />
  );
}
