import { Alert } from 'antd';
import { useErrorText } from './use-error-text';

export function ErrorAlert({ error }: { error: unknown }) {
  const errorText = useErrorText();
  if (!error) return null;
  const { title, detail } = errorText(error);
  return <Alert type="error" showIcon title={title} description={detail} data-testid="form-error" />;
}
