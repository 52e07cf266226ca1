import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DefinedField } from '../defined-field';
import { stakeholderFields } from '../field-defs';

/** The contract's limit on stakeholders per application. */
const maxStakeholders = 20;

/** Legal representative, guarantors, shareholders…: a list the borrower grows and shrinks. */
export function StakeholdersStep() {
  const { t } = useTranslation();
  return (
    <Form.List name="stakeholders">
      {(rows, { add, remove }) => (
        <Flex vertical gap={12}>
          {rows.length === 0 && (
            <Typography.Text type="secondary">{t('wizard.noStakeholders')}</Typography.Text>
          )}
          {rows.map((row, index) => (
            <Card
              key={row.key}
              size="small"
              title={t('wizard.stakeholderNumber', { number: index + 1 })}
              extra={
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => remove(row.name)}
                  data-testid={`remove-stakeholder-${index}`}
                  aria-label={t('wizard.removeStakeholder')}
                />
              }
            >
              {stakeholderFields.map((def) => (
                <DefinedField
                  key={def.name}
                  section="stakeholders"
                  def={def}
                  name={[row.name, def.name]}
                  testId={`${def.testId}-${index}`}
                  required={def.name === 'role' || def.name === 'name'}
                />
              ))}
            </Card>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add()}
            disabled={rows.length >= maxStakeholders}
            data-testid="add-stakeholder"
            block
          >
            {t('wizard.addStakeholder')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
