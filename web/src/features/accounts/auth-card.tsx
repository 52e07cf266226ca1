import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The frame of the login and registration forms: full width on phones, a centred card on desktops. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="page-narrow" style={{ maxWidth: 440 }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
    </div>
  );
}
