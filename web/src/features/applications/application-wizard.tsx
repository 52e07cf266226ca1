import { App, Card, Flex, Form, Grid, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import type { ApplicationView } from '../../../../src/contracts/applications.schema';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { StatusTag } from '../../shared/status-tag';
import { useLocalised } from '../../shared/use-localised';
import {
  createApplication,
  fetchApplication,
  submitApplication,
  updateApplication,
  type Product,
} from './applications-api';
import { toDetails, toFormValues, type WizardValues } from './details-form';
import { StepContent } from './step-content';
import { WizardActions, type WizardAction } from './wizard-actions';
import { WizardProgress } from './wizard-progress';
import { stepsOfKind } from './wizard-steps';

interface Props {
  product: Product;
  /** The draft being resumed; null for a new application. */
  initial: ApplicationView | null;
}

/** The form's validation failure (as opposed to an API error). */
interface ValidateError {
  errorFields: { name: (string | number)[] }[];
}
const isValidateError = (e: unknown): e is ValidateError =>
  typeof e === 'object' && e !== null && 'errorFields' in e;

/** The missing fields a refused submission (422 APPLICATION_INCOMPLETE) names. */
function missingFieldsOf(error: unknown): string[] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'APPLICATION_INCOMPLETE') return undefined;
  const fields = (error.details as { missingFields?: unknown } | undefined)?.missingFields;
  return Array.isArray(fields) ? fields.map(String) : undefined;
}

/**
 * The step-by-step application form. One antd Form holds every step's values (fields of hidden steps
 * keep theirs), and each step shows only its own inputs. Moving forward saves the draft, so the
 * documents step has an application to upload to and the review step shows the server's view of it.
 */
export function ApplicationWizard({ product, initial }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const localised = useLocalised();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<WizardValues>();
  const [application, setApplication] = useState<ApplicationView | undefined>(initial ?? undefined);
  const [busy, setBusy] = useState<WizardAction | null>(null);
  const [error, setError] = useState<unknown>(null);
  const initialValues = useMemo(() => (initial ? toFormValues(initial.details) : undefined), [initial]);

  const steps = stepsOfKind[product.kind];
  const current = Math.min(Math.max(Number(searchParams.get('step')) || 0, 0), steps.length - 1);
  const step = steps[current] ?? 'loan';

  function goTo(index: number, id = application?.id) {
    setError(null);
    const path = id ? `/applications/${id}/edit` : location.pathname;
    navigate(`${path}?step=${index}`);
  }

  /** Validates the shown step and saves the draft: POST the first time, then PUT with the last version. */
  async function save(): Promise<ApplicationView | null> {
    try {
      await form.validateFields();
    } catch (e) {
      const first = isValidateError(e) ? e.errorFields[0] : undefined;
      if (first) form.scrollToField(first.name);
      return null;
    }
    setError(null);
    const details = toDetails(form.getFieldsValue(true), product.code, product.kind);
    try {
      const saved = application
        ? await updateApplication(application.id, application.version, details)
        : await createApplication({ kind: product.kind, details });
      setApplication(saved);
      // From now on the draft has an address; a reload there resumes it.
      if (!application) navigate(`/applications/${saved.id}/edit?step=${current}`, { replace: true });
      return saved;
    } catch (e) {
      setError(e);
      return null;
    }
  }

  async function run(action: WizardAction, work: () => Promise<void>) {
    setBusy(action);
    try {
      await work();
    } finally {
      setBusy(null);
    }
  }

  const onSave = () =>
    run('save', async () => {
      if (await save()) void message.success(t('wizard.saved'));
    });

  const onNext = (index = current + 1) =>
    run('next', async () => {
      const saved = await save();
      if (saved) goTo(index, saved.id);
    });

  const onSubmit = () =>
    run('submit', async () => {
      const saved = await save();
      if (!saved) return;
      try {
        await submitApplication(saved.id, saved.version);
        navigate(`/applications/${saved.id}`, { replace: true });
      } catch (e) {
        setError(e);
      }
    });

  const onUploaded = () => {
    // Reload rather than patch: the server may have changed the version and the missing fields too.
    if (application) fetchApplication(application.id).then(setApplication, setError);
  };

  return (
    <Card size={screens.md ? undefined : 'small'}>
      <Flex justify="space-between" align="start" gap={8} style={{ marginBottom: 12 }}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {localised(product.name)}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="wizard-reference">
            {application ? application.reference : t('wizard.notSaved')}
          </Typography.Text>
        </div>
        {application && <StatusTag status={application.status} />}
      </Flex>
      <WizardProgress
        steps={steps}
        current={current}
        onChange={(i) => (i < current ? goTo(i) : void onNext(i))}
      />
      <Form<WizardValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        data-testid={`wizard-step-${step}`}
      >
        <StepContent
          step={step}
          product={product}
          productName={localised(product.name)}
          application={application}
          missingFields={missingFieldsOf(error) ?? application?.missingFields ?? []}
          onUploaded={onUploaded}
        />
      </Form>
      <div style={{ marginTop: 16 }}>
        <ErrorAlert error={error} />
      </div>
      <WizardActions
        isFirst={current === 0}
        isLast={current === steps.length - 1}
        busy={busy}
        onPrevious={() => goTo(current - 1)}
        onSave={() => void onSave()}
        onNext={() => void onNext()}
        onSubmit={() => void onSubmit()}
      />
    </Card>
  );
}
