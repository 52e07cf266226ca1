import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Progress, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractView, SignContractBody } from '../../../../src/contracts/loan-contracts.schema';
import { useStepUp } from '../security/use-step-up';
import { hasReadAll, mySigner, readPageSet } from './contract-format';
import { ContractErrorAlert } from './contract-error-alert';
import { signContract } from './contracts-api';

/**
 * 意愿确认 and signing: the statement can be ticked only once every page has been read; signing sends
 * the hash of the PDF this browser showed, and asks for the second factor when the server wants it.
 */
export function SignPanel({
  contract,
  readHash,
  onSigned,
}: {
  contract: ContractView;
  /** SHA-256 of the original PDF as downloaded and shown here (null while it loads). */
  readHash: string | null;
  onSigned: (contract: ContractView) => void;
}) {
  const { t } = useTranslation();
  const { withStepUp, stepUpDialog } = useStepUp();
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const me = mySigner(contract);
  if (!me || me.status !== 'pending') return null;

  const readCount = readPageSet(me.pagesRead, contract.pageCount).size;
  const isAllRead = hasReadAll(me.pagesRead, contract.pageCount);
  const isHashMismatch = readHash !== null && readHash !== contract.contentHash;
  const canSubmit = agreed && isAllRead && contract.canSign && readHash !== null && !isHashMismatch;

  const sign = async () => {
    if (!readHash) return;
    setBusy(true);
    setError(null);
    try {
      const signed = await withStepUp(() =>
        signContract(contract.id, {
          contentHash: readHash,
          agreed: true,
          // The version of the statement the server gave with the contract and the signer ticked.
          intentVersion: contract.intentStatement.version as SignContractBody['intentVersion'],
        }),
      );
      onSigned(signed);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('contracts.sign.title')} data-testid="sign-panel">
      <Flex vertical gap={12}>
        <div>
          <Typography.Text>
            {t('contracts.sign.progress', { read: readCount, count: contract.pageCount })}
          </Typography.Text>
          <Progress
            percent={contract.pageCount ? Math.round((readCount / contract.pageCount) * 100) : 0}
            size="small"
            status={isAllRead ? 'success' : 'active'}
            data-testid="read-progress"
            data-read={readCount}
            data-count={contract.pageCount}
          />
          {!isAllRead && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('contracts.sign.readAllHint')}
            </Typography.Text>
          )}
        </div>
        {isHashMismatch && (
          <Alert type="error" showIcon title={t('contracts.sign.hashMismatch')} data-testid="hash-mismatch" />
        )}
        {!contract.canSign && (
          <Alert type="info" showIcon title={t('contracts.sign.notYourTurn')} data-testid="not-your-turn" />
        )}
        <Checkbox
          checked={agreed}
          disabled={!isAllRead}
          onChange={(e) => setAgreed(e.target.checked)}
          data-testid="sign-intent"
        >
          {/* The server's versioned statement in the contract's language: its hash goes into the intent record. */}
          <span data-testid="sign-intent-text">{contract.intentStatement.text}</span>
        </Checkbox>
        <ContractErrorAlert error={error} />
        <Button
          type="primary"
          size="large"
          block
          icon={<EditOutlined />}
          disabled={!canSubmit}
          loading={busy}
          onClick={() => void sign()}
          data-testid="sign-submit"
        >
          {t('contracts.sign.submit')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('contracts.sign.explainer')}
        </Typography.Text>
      </Flex>
      {stepUpDialog}
    </Card>
  );
}
