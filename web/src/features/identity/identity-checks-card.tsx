import { Card, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StaffIdentityChecks } from '../../../../src/contracts/identity.schema';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../shared/date-time';
import zhCN from '../../i18n/zh-CN.json';
import { fetchIdentityChecks } from './identity-api';
import { IdentityErrorAlert } from './identity-error-alert';

type Verification = StaffIdentityChecks['verifications'][number];
type Failure = keyof typeof zhCN.identity.face.failures;
const isFailure = (f: string): f is Failure => Object.hasOwn(zhCN.identity.face.failures, f);
const score = (x: number | null) => (x === null ? '—' : x.toFixed(3));

/** For caseworkers: the borrower's identity checks, each with its result and scores (identifiers masked). */
export function IdentityChecksCard({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const checks = useResource(() => fetchIdentityChecks(applicationId), [applicationId]);
  const data = checks.data;
  return (
    <Card
      size="small"
      title={t('identity.staff.title')}
      loading={checks.loading && !data}
      data-testid="identity-checks-card"
    >
      <IdentityErrorAlert error={checks.error} />
      {data && data.verifications.length === 0 && <Empty description={t('identity.staff.none')} />}
      <Flex vertical gap={12}>
        {data?.verifications.map((v) => (
          <VerificationItem key={v.id} v={v} />
        ))}
        {data && data.consents.length > 0 && (
          <div>
            <Typography.Text strong>{t('identity.staff.consents')}</Typography.Text>
            <Flex wrap gap={4} style={{ marginTop: 4 }}>
              {data.consents.map((c) => (
                <Tag
                  key={c.id}
                  color={c.withdrawnAt ? 'default' : 'blue'}
                  title={`${c.textVersion} · ${formatDateTime(c.givenAt)}`}
                >
                  {t(`identity.consentKinds.${c.kind}`)}
                  {c.withdrawnAt ? ` (${t('identity.staff.withdrawn')})` : ''}
                </Tag>
              ))}
            </Flex>
          </div>
        )}
      </Flex>
    </Card>
  );
}

function VerificationItem({ v }: { v: Verification }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={6} data-testid="identity-verification">
      <Flex gap={8} wrap align="center">
        <Typography.Text strong>
          {v.nameMasked} · {v.idNumberMasked}
        </Typography.Text>
        <Tag color={v.status === 'verified' ? 'green' : v.status === 'authority_failed' ? 'red' : 'gold'}>
          {t(`identity.statuses.${v.status}`)}
        </Tag>
        {v.method && <Tag>{t(`identity.staff.method.${v.method}`)}</Tag>}
      </Flex>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'phone',
            label: t('identity.staff.phone'),
            children: v.mobileMasked ? `${v.mobileMasked} · ${formatDateTime(v.phoneVerifiedAt!)}` : '—',
          },
          ...v.authorityChecks.map((a, i) => ({
            key: `authority-${i}`,
            label: `${t('identity.staff.authority')} (${t(`identity.staff.requestKind.${a.requestKind}`)})`,
            children: (
              <>
                <Tag color={a.verdict === 'consistent' ? 'green' : 'red'}>
                  {t(`identity.staff.verdict.${a.verdict}`)}
                </Tag>
                {a.provider} · {formatDateTime(a.answeredAt)}
                <Typography.Text
                  type="secondary"
                  style={{ fontSize: 11, display: 'block', wordBreak: 'break-all' }}
                >
                  {t('identity.staff.responseHash')} {a.responseSha256}
                </Typography.Text>
              </>
            ),
          })),
          ...v.faceChecks.map((f) => ({
            key: f.id,
            label: t('identity.staff.faceChecks'),
            children: (
              <>
                <Tag color={f.passed === true ? 'green' : f.passed === false ? 'red' : 'default'}>
                  {f.passed === true
                    ? t('identity.staff.passed')
                    : f.passed === false
                      ? t('identity.staff.failed')
                      : t('identity.staff.pending')}
                </Tag>
                {t('identity.staff.similarity')} {score(f.similarity)} / {t('identity.staff.threshold')}{' '}
                {score(f.threshold)}
                {f.failures && f.failures.length > 0 && (
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {f.failures.map((x) => (isFailure(x) ? t(`identity.face.failures.${x}`) : x)).join('；')}
                  </Typography.Text>
                )}
                {f.modelVersion && (
                  <Typography.Text type="secondary" style={{ fontSize: 11, display: 'block' }}>
                    {t('identity.staff.model')} {f.modelVersion}
                    {f.completedAt ? ` · ${formatDateTime(f.completedAt)}` : ''}
                  </Typography.Text>
                )}
              </>
            ),
          })),
        ]}
      />
    </Flex>
  );
}
