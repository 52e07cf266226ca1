import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Popconfirm, Row, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../../../src/contracts/applications.schema';
import { ApiError } from '../../api/client';
import { useResource } from '../../api/use-resource';
import { useSession } from '../accounts/session-context';
import { useStepUp } from '../security/use-step-up';
import { ContractDownloads } from './contract-downloads';
import { ContractErrorAlert } from './contract-error-alert';
import { canApplySeal, canPrepareContract } from './contract-roles';
import { ContractSummary } from './contract-summary';
import { applySeal, fetchApplicationContract } from './contracts-api';
import { PrepareContractForm } from './prepare-contract-form';
import { SignersTable } from './signers-table';
import { VerificationCard } from './verification-card';

/**
 * 合同 on the staff application page: the officer prepares the contract of an approved application;
 * afterwards everyone sees the signers' progress, approvers apply the bank's seal when it waits for
 * them (second factor), and the newest PDF and its verification report can be downloaded.
 */
export function ContractCard({
  applicationId,
  applicationStatus,
}: {
  applicationId: string;
  applicationStatus: ApplicationStatus;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const role = session?.account.role;
  const contract = useResource(() => fetchApplicationContract(applicationId), [applicationId]);
  const { withStepUp, stepUpDialog } = useStepUp();
  const [sealing, setSealing] = useState(false);
  const [sealError, setSealError] = useState<unknown>(null);
  const c = contract.data;
  const isMissing = contract.error instanceof ApiError && contract.error.code === 'CONTRACT_NOT_FOUND';

  const seal = async () => {
    if (!c) return;
    setSealing(true);
    setSealError(null);
    try {
      contract.set(await withStepUp(() => applySeal(c.id)));
    } catch (e) {
      setSealError(e);
    } finally {
      setSealing(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('contracts.staff.title')}
      data-testid="contract-card"
      data-state={c ? c.status : isMissing ? 'none' : contract.loading ? 'loading' : 'error'}
      loading={contract.loading && !c && !contract.error}
      extra={
        c &&
        canApplySeal(role) &&
        c.status === 'awaiting_seal' && (
          <Popconfirm
            title={t('contracts.staff.sealConfirm')}
            onConfirm={() => void seal()}
            okButtonProps={{ 'data-testid': 'contract-seal-confirm' } as ButtonProps}
          >
            <Button
              type="primary"
              icon={<SafetyCertificateOutlined />}
              loading={sealing}
              data-testid="contract-seal"
            >
              {t('contracts.staff.seal')}
            </Button>
          </Popconfirm>
        )
      }
    >
      {!c && isMissing && applicationStatus === 'approved' && canPrepareContract(role) && (
        <PrepareContractForm applicationId={applicationId} onPrepared={contract.set} />
      )}
      {!c && isMissing && !(applicationStatus === 'approved' && canPrepareContract(role)) && (
        <Empty
          description={t(
            applicationStatus === 'approved' ? 'contracts.staff.notPrepared' : 'contracts.staff.notApproved',
          )}
          data-testid="contract-empty"
        />
      )}
      {!c && contract.error !== null && !isMissing && <ContractErrorAlert error={contract.error} />}
      {c && (
        <Flex vertical gap={12}>
          {c.status === 'awaiting_seal' && (
            <Alert
              type="warning"
              showIcon
              title={t(
                canApplySeal(role) ? 'contracts.staff.awaitingSealYou' : 'contracts.staff.awaitingSeal',
              )}
              data-testid="contract-awaiting-seal"
            />
          )}
          <ContractErrorAlert error={sealError} />
          <Row gutter={[16, 12]}>
            <Col xs={24} xl={11}>
              <ContractSummary contract={c} />
            </Col>
            <Col xs={24} xl={13}>
              <Flex vertical gap={12}>
                <SignersTable contract={c} />
                <ContractDownloads contract={c} />
              </Flex>
            </Col>
          </Row>
          {c.signers.some((s) => s.status === 'signed') && (
            <VerificationCard contractId={c.id} version={c.currentHash} />
          )}
        </Flex>
      )}
      {stepUpDialog}
    </Card>
  );
}
