import { Form, Input, type FormItemProps } from 'antd';
import { useRules } from '../validation';

interface LongTextFieldProps {
  name: FormItemProps['name'];
  label: string;
  testId: string;
  maxLength: number;
}

export function LongTextField({ name, label, testId, maxLength }: LongTextFieldProps) {
  const r = useRules();
  return (
    <Form.Item name={name} label={label} rules={[r.longText(maxLength)]}>
      <Input.TextArea
        data-testid={testId}
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={maxLength}
        showCount
      />
    </Form.Item>
  );
}
