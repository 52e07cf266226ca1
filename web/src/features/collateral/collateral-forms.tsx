import { Alert, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../../../src/contracts/applications.schema';
import {
  collateralTypeIds,
  valuationMethodIds,
  type CollateralView,
} from '../../../../src/contracts/collateral.schema';
import { EnumSelect } from '../../shared/enum-select';
import { yuanPattern } from '../../shared/money';
import {
  fetchApplicationDocuments,
  recordValuation,
  registerCollateral,
  setCashFlowProjection,
} from './collateral-api';
import { CollateralErrorAlert } from './collateral-error-alert';

type CollateralTypeId = (typeof collateralTypeIds)[number];
type MethodId = (typeof valuationMethodIds)[number];
const datePattern = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const signedYuanPattern = /^-?(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$/;
const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

interface ModalProps {
  applicationId: string;
  open: boolean;
  onClose: () => void;
  onSaved: (view: CollateralView) => void;
}

/** Sends `send()`; on success hands the fresh view over and closes, else shows the error. */
function useSubmit(onSaved: (view: CollateralView) => void, onClose: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (send: () => Promise<CollateralView>) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await send());
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, submit };
}

/** 登记押品: type, description, location or registration number, owner. */
export function AddCollateralModal({ applicationId, open, onClose, onSaved }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{
    type: CollateralTypeId;
    description: string;
    location?: string;
    ownerName: string;
  }>();
  const { busy, error, setError, submit } = useSubmit(onSaved, onClose);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open]);
  const required = { required: true, whitespace: true, message: t('collateral.validation.required') };
  return (
    <Modal
      open={open}
      title={t('collateral.addItem.title')}
      okText={t('collateral.addItem.submit')}
      cancelText={t('collateral.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then((v) =>
          submit(() =>
            registerCollateral(applicationId, {
              type: v.type,
              description: v.description.trim(),
              ownerName: v.ownerName.trim(),
              ...(v.location?.trim() ? { location: v.location.trim() } : {}),
            }),
          ),
        )
      }
      okButtonProps={{ 'data-testid': 'collateral-add-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" data-testid="collateral-add-form">
        <Form.Item
          name="type"
          label={t('collateral.addItem.type')}
          rules={[{ required: true, message: t('collateral.validation.required') }]}
        >
          <EnumSelect<CollateralTypeId>
            values={collateralTypeIds}
            labelOf={(v) => t(`collateral.types.${v}`)}
            testId="collateral-type"
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('collateral.addItem.description')}
          rules={[required, { max: 500 }]}
        >
          <Input data-testid="collateral-description" maxLength={500} />
        </Form.Item>
        <Form.Item name="location" label={t('collateral.addItem.location')} rules={[{ max: 500 }]}>
          <Input data-testid="collateral-location" maxLength={500} />
        </Form.Item>
        <Form.Item
          name="ownerName"
          label={t('collateral.addItem.ownerName')}
          rules={[required, { max: 200 }]}
        >
          <Input data-testid="collateral-owner" maxLength={200} />
        </Form.Item>
      </Form>
      <CollateralErrorAlert error={error} />
    </Modal>
  );
}

/** 评估/重估: appraised value, date, method, appraiser, the valuation report among the application's documents. */
export function ValuationModal({
  applicationId,
  collateralId,
  open,
  onClose,
  onSaved,
}: ModalProps & { collateralId: string | null }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{
    appraisedValue: string;
    valuationDate: string;
    method: MethodId;
    appraiser: string;
    documentIds: string[];
  }>();
  const { busy, error, setError, submit } = useSubmit(onSaved, onClose);
  const [documents, setDocuments] = useState<DocumentView[] | null>(null);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldValue('valuationDate', todayIso());
    setError(null);
    setDocuments(null);
    fetchApplicationDocuments(applicationId).then(setDocuments, (e: unknown) => {
      setDocuments([]);
      setError(e);
    });
  }, [open, applicationId]);
  const required = { required: true, message: t('collateral.validation.required') };
  return (
    <Modal
      open={open}
      title={t('collateral.valuation.title')}
      okText={t('collateral.valuation.submit')}
      cancelText={t('collateral.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then(async (v) => {
          if (collateralId)
            await submit(() =>
              recordValuation(applicationId, collateralId, {
                appraisedValue: v.appraisedValue.trim(),
                valuationDate: v.valuationDate,
                method: v.method,
                appraiser: v.appraiser.trim(),
                documentIds: v.documentIds,
              }),
            );
        })
      }
      okButtonProps={{ 'data-testid': 'collateral-valuation-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" data-testid="collateral-valuation-form">
        <Form.Item
          name="appraisedValue"
          label={t('collateral.valuation.appraisedValue')}
          rules={[
            required,
            {
              validator: (_, value: string | undefined) =>
                !value || (yuanPattern.test(value.trim()) && Number(value) > 0)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('collateral.validation.amount'))),
            },
          ]}
        >
          <Input data-testid="collateral-appraised-value" inputMode="decimal" suffix={t('collateral.yuan')} />
        </Form.Item>
        <Form.Item
          name="valuationDate"
          label={t('collateral.valuation.valuationDate')}
          rules={[required, { pattern: datePattern, message: t('collateral.validation.date') }]}
        >
          <Input type="date" max={todayIso()} data-testid="collateral-valuation-date" />
        </Form.Item>
        <Form.Item name="method" label={t('collateral.valuation.method')} rules={[required]}>
          <EnumSelect<MethodId>
            values={valuationMethodIds}
            labelOf={(v) => t(`collateral.methods.${v}`)}
            testId="collateral-method"
          />
        </Form.Item>
        <Form.Item
          name="appraiser"
          label={t('collateral.valuation.appraiser')}
          rules={[{ ...required, whitespace: true }, { max: 200 }]}
        >
          <Input data-testid="collateral-appraiser" maxLength={200} />
        </Form.Item>
        <Form.Item name="documentIds" label={t('collateral.valuation.documents')} rules={[required]}>
          <Select
            mode="multiple"
            loading={documents === null}
            data-testid="collateral-documents"
            virtual={false}
            notFoundContent={t('collateral.valuation.noDocuments')}
            options={(documents ?? []).map((d) => ({
              value: d.id,
              label: d.filename,
              'data-testid': `collateral-document-${d.id}`,
            }))}
          />
        </Form.Item>
      </Form>
      <CollateralErrorAlert error={error} />
    </Modal>
  );
}

/** 项目融资: the projected cash flow available for debt service, one amount per loan year. */
export function ProjectionModal({
  applicationId,
  years,
  current,
  open,
  onClose,
  onSaved,
}: ModalProps & { years: number; current: readonly string[] | null }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<string[]>([]);
  const [invalid, setInvalid] = useState(false);
  const { busy, error, setError, submit } = useSubmit(onSaved, onClose);
  useEffect(() => {
    if (!open) return;
    setValues(Array.from({ length: years }, (_, i) => current?.[i] ?? ''));
    setInvalid(false);
    setError(null);
  }, [open, years]);
  const send = () => {
    const trimmed = values.map((v) => v.trim());
    if (trimmed.some((v) => !signedYuanPattern.test(v))) return setInvalid(true);
    setInvalid(false);
    void submit(() => setCashFlowProjection(applicationId, { annualCashFlows: trimmed }));
  };
  return (
    <Modal
      open={open}
      title={t('collateral.projection.title')}
      okText={t('collateral.projection.submit')}
      cancelText={t('collateral.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={send}
      okButtonProps={{ 'data-testid': 'collateral-projection-submit' } as ButtonProps}
    >
      <Form layout="horizontal" labelCol={{ span: 6 }} data-testid="collateral-projection-form">
        <Alert
          type="info"
          showIcon
          title={t('collateral.projection.hint', { years })}
          style={{ marginBottom: 12 }}
        />
        {values.map((v, i) => (
          <Form.Item
            key={i}
            label={t('collateral.projection.year', { year: i + 1 })}
            style={{ marginBottom: 8 }}
          >
            <Input
              value={v}
              inputMode="decimal"
              suffix={t('collateral.yuan')}
              data-testid={`collateral-projection-year-${i + 1}`}
              onChange={(e) => setValues((all) => all.map((x, j) => (j === i ? e.target.value : x)))}
            />
          </Form.Item>
        ))}
      </Form>
      {invalid && <Alert type="error" showIcon title={t('collateral.validation.cashFlow')} />}
      <CollateralErrorAlert error={error} />
    </Modal>
  );
}
