import { Form, InputNumber, type FormItemProps } from 'antd';
import { useRules } from '../validation';

interface IntegerFieldProps {
  name: FormItemProps['name'];
  label: string;
  testId: string;
  min: number;
  max: number;
  extra?: FormItemProps['extra'];
}

export function IntegerField({ name, label, testId, min, max, extra }: IntegerFieldProps) {
  const r = useRules();
  return (
    <Form.Item name={name} label={label} rules={[r.integer(min, max)]} extra={extra}>
      <InputNumber
        data-testid={testId}
        precision={0}
        min={min}
        max={max}
        inputMode="numeric"
        style={{ width: '100%' }}
      />
    </Form.Item>
  );
}
