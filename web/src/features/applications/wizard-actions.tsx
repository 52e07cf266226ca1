import { Button, Flex, theme } from 'antd';
import { useTranslation } from 'react-i18next';

export type WizardAction = 'save' | 'next' | 'submit';

interface Props {
  isFirst: boolean;
  isLast: boolean;
  busy: WizardAction | null;
  onPrevious: () => void;
  onSave: () => void;
  onNext: () => void;
  onSubmit: () => void;
}

/** The button bar; it sticks to the bottom so it stays under the thumb on phones. */
export function WizardActions({ isFirst, isLast, busy, onPrevious, onSave, onNext, onSubmit }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Flex
      gap={8}
      justify="flex-end"
      style={{
        position: 'sticky',
        bottom: 0,
        padding: '12px 0',
        background: token.colorBgContainer,
        borderTop: `1px solid ${token.colorSplit}`,
        zIndex: 5,
      }}
    >
      {!isFirst && (
        <Button onClick={onPrevious} disabled={busy !== null} data-testid="previous-step">
          {t('wizard.previous')}
        </Button>
      )}
      <Button
        onClick={onSave}
        loading={busy === 'save'}
        disabled={busy !== null && busy !== 'save'}
        data-testid="save-draft"
      >
        {t('wizard.saveDraft')}
      </Button>
      {isLast ? (
        <Button
          type="primary"
          onClick={onSubmit}
          loading={busy === 'submit'}
          disabled={busy !== null && busy !== 'submit'}
          data-testid="submit-application"
        >
          {t('wizard.submit')}
        </Button>
      ) : (
        <Button
          type="primary"
          onClick={onNext}
          loading={busy === 'next'}
          disabled={busy !== null && busy !== 'next'}
          data-testid="next-step"
        >
          {t('wizard.next')}
        </Button>
      )}
    </Flex>
  );
}
