import { Typography } from 'antd';
import { shortHash } from './application-lookup';

/** A hash shortened to both ends, the whole of it in the tooltip and on the clipboard. */
export function HashText({ hash, testId }: { hash: string; testId?: string }) {
  return (
    <Typography.Text
      code
      copyable={{ text: hash }}
      title={hash}
      style={{ whiteSpace: 'nowrap' }}
      data-testid={testId}
    >
      {shortHash(hash)}
    </Typography.Text>
  );
}
