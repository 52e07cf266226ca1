import { Select, type SelectProps } from 'antd';

export interface EnumSelectProps<T extends string> extends Omit<SelectProps<T>, 'options'> {
  values: readonly T[];
  labelOf: (value: T) => string;
  testId: string;
}

/**
 * A select over one of the contracts' enum arrays. Each option gets `data-testid="<testId>-<value>"`,
 * and the list is not virtualised, so every option exists in the DOM for tests and screen readers.
 */
export function EnumSelect<T extends string>({ values, labelOf, testId, ...rest }: EnumSelectProps<T>) {
  const options = values.map((value) => ({
    value,
    label: labelOf(value),
    'data-testid': `${testId}-${value}`,
  }));
  return <Select<T> data-testid={testId} virtual={false} options={options} {...rest} />;
}
