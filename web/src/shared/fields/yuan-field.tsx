import { Form, Input, type FormItemProps } from 'antd';
import { useRules } from '../validation';

interface YuanFieldProps {
  name: FormItemProps['name'];
  label: string;
  testId: string;
  /** Profits and cash flows may be negative. */
  signed?: boolean;
  rules?: FormItemProps['rules'];
  extra?: FormItemProps['extra'];
}

/** Drops the thousands separators and spaces people type ("50,000", "5 0000", full-width "，"). */
const normalize = (value: string | undefined) => value?.replace(/[\s,，]/g, '');

/** Money is typed as text and kept as the typed decimal string (see shared/money.ts). */
export function YuanField({ name, label, testId, signed = false, rules = [], extra }: YuanFieldProps) {
  const r = useRules();
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[r.yuan(signed), ...rules]}
      extra={extra}
      normalize={normalize}
    >
      <Input data-testid={testId} prefix="¥" inputMode="decimal" autoComplete="off" allowClear />
    </Form.Item>
  );
}
