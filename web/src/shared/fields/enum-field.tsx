import { Form, type FormItemProps } from 'antd';
import { EnumSelect } from '../enum-select';

interface EnumFieldProps<T extends string> {
  name: FormItemProps['name'];
  label: string;
  testId: string;
  values: readonly T[];
  labelOf: (value: T) => string;
  rules?: FormItemProps['rules'];
}

export function EnumField<T extends string>({
  name,
  label,
  testId,
  values,
  labelOf,
  rules,
}: EnumFieldProps<T>) {
  return (
    <Form.Item name={name} label={label} rules={rules}>
      <EnumSelect<T> testId={testId} values={values} labelOf={labelOf} allowClear />
    </Form.Item>
  );
}
