import { Typography } from 'antd';

/** A block of exact text (a signed note, a key) in a monospace font, with a copy button. */
export function MonospaceBlock({ text, testId }: { text: string; testId?: string }) {
  return (
    <div style={{ position: 'relative' }} data-testid={testId}>
      <pre
        style={{
          margin: 0,
          padding: '8px 40px 8px 12px',
          background: 'rgba(0, 0, 0, 0.04)',
          border: '1px solid rgba(0, 0, 0, 0.06)',
          borderRadius: 6,
          fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
          fontSize: 12,
          lineHeight: 1.6,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {text}
      </pre>
      <Typography.Text copyable={{ text }} style={{ position: 'absolute', top: 6, right: 10 }} />
    </div>
  );
}
