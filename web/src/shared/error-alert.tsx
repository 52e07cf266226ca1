import { Alert } from 'antd';
import { useEffect, useRef } from 'react';
import { useErrorText } from './use-error-text';

export function ErrorAlert({ error }: { error: unknown }) {
  const errorText = useErrorText();
  const ref = useRef<HTMLDivElement>(null);
  // On a phone the button pressed is often far from where the alert appears: bring it into view.
  useEffect(() => {
    if (error) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [error]);
  if (!error) return null;
  const { title, detail } = errorText(error);
  return (
    <div ref={ref}>
      <Alert type="error" showIcon title={title} description={detail} data-testid="form-error" />
    </div>
  );
}
