import { Card, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { VerificationStep } from '../../../../src/contracts/identity.schema';
import { useResource } from '../../api/use-resource';
import { ErrorAlert } from '../../shared/error-alert';
import { PageLoading } from '../../shared/page-loading';
import { PageTitle } from '../../shared/page-title';
import { ConsentsStep } from './consents-step';
import { FaceStep } from './face-step';
import { IdDetailsStep } from './id-details-step';
import { fetchConsentTexts, fetchVerification } from './identity-api';
import { MyConsentsCard } from './my-consents-card';
import { PhoneStep } from './phone-step';
import { VerificationResult } from './verification-result';

const stepOrder = [
  'id_details',
  'phone',
  'consents',
  'face',
  'done',
] as const satisfies readonly VerificationStep[];

/** The borrower's identity verification, one step at a time (phone-first). */
export function VerifyPage() {
  const { t } = useTranslation();
  const verification = useResource(() => fetchVerification(), []);
  const texts = useResource(() => fetchConsentTexts(), []);
  const view = verification.data;

  if (verification.error || texts.error)
    return (
      <div className="page-narrow">
        <ErrorAlert error={verification.error ?? texts.error} />
      </div>
    );
  if (!view || !texts.data) return <PageLoading />;

  const step = view.nextStep;
  const current = step === 'officer_video' ? stepOrder.length - 1 : stepOrder.indexOf(step);
  const update = verification.set;
  return (
    <div className="page-narrow" data-testid="verify-page">
      <PageTitle title={t('identity.title')} />
      <Typography.Paragraph type="secondary">{t('identity.intro')}</Typography.Paragraph>
      <Steps
        size="small"
        orientation="horizontal"
        titlePlacement="vertical"
        responsive={false}
        current={current}
        items={stepOrder.map((s) => ({ title: t(`identity.steps.${s}`) }))}
        style={{ marginBottom: 16 }}
        data-testid="verify-steps"
      />
      <Card size="small">
        {step === 'id_details' && <IdDetailsStep view={view} texts={texts.data.items} onDone={update} />}
        {step === 'phone' && <PhoneStep onDone={update} />}
        {step === 'consents' && (
          <ConsentsStep view={view} texts={texts.data.items} onDone={verification.reload} />
        )}
        {step === 'face' && <FaceStep onDone={verification.reload} onOfficerVideo={update} />}
        {(step === 'done' || step === 'officer_video') && <VerificationResult view={view} />}
      </Card>
      <MyConsentsCard consents={view.consents} onChange={verification.reload} />
      {step === 'id_details' && view.devRegistryAvailable && (
        <Typography.Paragraph style={{ marginTop: 16 }}>
          <Link to="/verify/registry" data-testid="go-dev-registry">
            {t('identity.registry.link')}
          </Link>
        </Typography.Paragraph>
      )}
    </div>
  );
}
