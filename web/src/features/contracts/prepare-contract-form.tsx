import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  signingOrders,
  type ContractView,
  type PrepareContractBody,
  type SigningOrder,
} from '../../../../src/contracts/loan-contracts.schema';
import { useRules } from '../../shared/validation';
import { ContractErrorAlert } from './contract-error-alert';
import { prepareContract } from './contracts-api';

interface Values {
  bankName: string;
  accountNumber: string;
  guarantorPhones?: string[];
  signingOrder: SigningOrder;
  locale: 'zh-CN' | 'en';
}

const MAX_GUARANTORS = 4;
const guarantorMobilePattern = /^1[3-9][0-9]{9}$/;

/** The officer prepares the approved application's contract: the borrower's account, guarantors, order, language. */
export function PrepareContractForm({
  applicationId,
  onPrepared,
}: {
  applicationId: string;
  onPrepared: (contract: ContractView) => void;
}) {
  const { t } = useTranslation();
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    const body: PrepareContractBody = {
      account: { bankName: values.bankName.trim(), accountNumber: values.accountNumber.replace(/\s/g, '') },
      guarantorPhones: (values.guarantorPhones ?? []).map((p) => p.trim()).filter(Boolean),
      signingOrder: values.signingOrder,
      locale: values.locale,
    };
    try {
      onPrepared(await prepareContract(applicationId, body));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ signingOrder: 'sequential', locale: 'zh-CN', guarantorPhones: [] }}
      onFinish={(v) => void submit(v)}
      data-testid="contract-prepare-form"
      requiredMark
    >
      <Typography.Paragraph type="secondary">{t('contracts.prepare.hint')}</Typography.Paragraph>
      <Flex gap={16} wrap>
        <Form.Item
          name="bankName"
          label={t('contracts.prepare.bankName')}
          rules={[rules.required(), { min: 2, max: 100, message: t('validation.maxLength', { max: 100 }) }]}
          style={{ flex: '1 1 220px' }}
        >
          <Input
            data-testid="contract-bank-name"
            maxLength={100}
            placeholder={t('contracts.prepare.bankNamePlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="accountNumber"
          label={t('contracts.prepare.accountNumber')}
          rules={[
            rules.required(),
            { pattern: /^\s*([0-9]\s*){12,19}$/, message: t('contracts.prepare.accountNumberInvalid') },
          ]}
          style={{ flex: '1 1 220px' }}
        >
          <Input data-testid="contract-account-number" inputMode="numeric" maxLength={23} />
        </Form.Item>
      </Flex>
      <Form.List name="guarantorPhones">
        {(fields, { add, remove }) => (
          <Form.Item label={t('contracts.prepare.guarantors')} extra={t('contracts.prepare.guarantorsHint')}>
            <Flex vertical gap={8}>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} align="start">
                  <Form.Item
                    name={field.name}
                    noStyle
                    rules={[
                      rules.required(),
                      { pattern: guarantorMobilePattern, message: t('validation.mobile') },
                    ]}
                  >
                    <Input
                      inputMode="tel"
                      maxLength={11}
                      placeholder={t('contracts.prepare.guarantorMobile', { n: index + 1 })}
                      data-testid={`contract-guarantor-${index}`}
                      style={{ maxWidth: 240 }}
                    />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('contracts.prepare.removeGuarantor')}
                    data-testid={`contract-guarantor-remove-${index}`}
                  />
                </Flex>
              ))}
              {fields.length < MAX_GUARANTORS && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add('')}
                  style={{ maxWidth: 240 }}
                  data-testid="contract-guarantor-add"
                >
                  {t('contracts.prepare.addGuarantor')}
                </Button>
              )}
            </Flex>
          </Form.Item>
        )}
      </Form.List>
      <Flex gap={24} wrap>
        <Form.Item name="signingOrder" label={t('contracts.signingOrder')}>
          <Radio.Group data-testid="contract-signing-order">
            {signingOrders.map((o) => (
              <Radio key={o} value={o} data-testid={`contract-order-${o}`}>
                {t(`contracts.signingOrders.${o}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="locale" label={t('contracts.prepare.language')}>
          <Radio.Group data-testid="contract-locale">
            <Radio value="zh-CN" data-testid="contract-locale-zh-CN">
              中文
            </Radio>
            <Radio value="en" data-testid="contract-locale-en">
              English
            </Radio>
          </Radio.Group>
        </Form.Item>
      </Flex>
      <ContractErrorAlert error={error} />
      <Button
        type="primary"
        htmlType="submit"
        loading={saving}
        data-testid="contract-prepare-submit"
        style={{ marginTop: 12 }}
      >
        {t('contracts.prepare.submit')}
      </Button>
    </Form>
  );
}
