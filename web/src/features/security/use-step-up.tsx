import { Button, Modal, Result } from 'antd';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SecondFactorMethod } from '../../../../src/contracts/security.schema';
import { ApiError } from '../../api/client';
import { SecondFactorForm } from './second-factor-form';

type Pending = { methods: SecondFactorMethod[] | null; resolve: (proved: boolean) => void };

/**
 * Step-up for any feature: wrap the call to a sensitive endpoint in `withStepUp`. When the server
 * answers STEP_UP_REQUIRED, a dialog asks for the second factor and the call is made again; when it
 * answers SECOND_FACTOR_NOT_ENROLLED, the dialog points to the security settings. Render `stepUpDialog`.
 *
 *   const { withStepUp, stepUpDialog } = useStepUp();
 *   await withStepUp(() => approveApplication(id));
 */
export function useStepUp(): {
  withStepUp: <T>(action: () => Promise<T>) => Promise<T>;
  stepUpDialog: ReactNode;
} {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending | null>(null);
  const pendingRef = useRef<Pending | null>(null);

  const ask = useCallback(
    (methods: SecondFactorMethod[] | null) =>
      new Promise<boolean>((resolve) => {
        const p = { methods, resolve };
        pendingRef.current = p;
        setPending(p);
      }),
    [],
  );
  const close = (proved: boolean) => {
    pendingRef.current?.resolve(proved);
    pendingRef.current = null;
    setPending(null);
  };

  const withStepUp = useCallback(
    async <T,>(action: () => Promise<T>): Promise<T> => {
      try {
        return await action();
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.code === 'SECOND_FACTOR_NOT_ENROLLED') {
          await ask(null);
          throw e;
        }
        if (e.code !== 'STEP_UP_REQUIRED') throw e;
        const methods = (e.details as { methods?: SecondFactorMethod[] } | undefined)?.methods ?? ['totp'];
        if (!(await ask(methods))) throw e;
        return action();
      }
    },
    [ask],
  );

  const stepUpDialog = (
    <Modal
      open={pending !== null}
      title={t('security.stepUpTitle')}
      footer={null}
      onCancel={() => close(false)}
      destroyOnHidden
      data-testid="step-up-dialog"
    >
      {pending?.methods ? (
        <SecondFactorForm methods={pending.methods} onProved={() => close(true)} />
      ) : (
        <Result
          status="warning"
          title={t('security.notEnrolled')}
          extra={
            <Button type="primary" onClick={() => close(false)}>
              <Link to="/security">{t('security.title')}</Link>
            </Button>
          }
        />
      )}
    </Modal>
  );
  return { withStepUp, stepUpDialog };
}
