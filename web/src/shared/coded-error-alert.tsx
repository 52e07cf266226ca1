import { Alert } from 'antd';
import { ApiError } from '../api/client';
import { ErrorAlert } from './error-alert';

/**
 * An API error whose code a capability explains in its own texts: the title in the reader's language
 * (`titleOf`), the server's message below when it says more; any other error as everywhere else.
 */
export function CodedErrorAlert<C extends string>({
  error,
  knows,
  titleOf,
}: {
  error: unknown;
  /** True for the codes the capability has a text for. */
  knows: (code: string) => code is C;
  titleOf: (code: C) => string;
}) {
  if (!error) return null;
  if (!(error instanceof ApiError) || !knows(error.code)) return <ErrorAlert error={error} />;
  const title = titleOf(error.code);
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={error.message && error.message !== title ? error.message : undefined}
      data-testid="form-error"
      data-code={error.code}
    />
  );
}
