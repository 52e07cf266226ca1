import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { actingAsValues } from '../../shared/acting-as';
import { EnumSelect } from '../../shared/enum-select';
import { useRules } from '../../shared/validation';

/** The company an enterprise account acts for, and in which capacity. */
export function EnterpriseFields() {
  const { t } = useTranslation();
  const r = useRules();
  return (
    <>
      <Form.Item
        name={['enterprise', 'companyName']}
        label={t('auth.companyName')}
        rules={[r.required(), ...r.text(128)]}
      >
        <Input data-testid="register-company-name" />
      </Form.Item>
      <Form.Item
        name={['enterprise', 'creditCode']}
        label={t('auth.creditCode')}
        rules={[r.required(), r.creditCode()]}
      >
        <Input data-testid="register-credit-code" maxLength={18} />
      </Form.Item>
      <Form.Item
        name={['enterprise', 'actingAs']}
        label={t('auth.actingAs')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <EnumSelect testId="register-acting-as" values={actingAsValues} labelOf={(v) => t(`actingAs.${v}`)} />
      </Form.Item>
    </>
  );
}
