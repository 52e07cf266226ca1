import { Form, Input, type FormItemProps, type InputProps } from 'antd';
import { useRules } from '../validation';

interface TextFieldProps {
  name: FormItemProps['name'];
  label: string;
  testId: string;
  maxLength: number;
  rules?: FormItemProps['rules'];
  inputMode?: InputProps['inputMode'];
}

export function TextField({ name, label, testId, maxLength, rules = [], inputMode }: TextFieldProps) {
  const r = useRules();
  return (
    <Form.Item name={name} label={label} rules={[...r.text(maxLength), ...rules]}>
      <Input data-testid={testId} inputMode={inputMode} allowClear />
    </Form.Item>
  );
}
