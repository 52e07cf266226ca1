import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ContractView } from '../../../../src/contracts/loan-contracts.schema';
import { DownloadButton } from '../ledger/download-button';
import { contractFileName } from './contract-format';
import { contractDocumentUrl, contractVerificationUrl } from './contracts-api';

/** The newest PDF (with every signature so far), the unsigned original, and the verification report. */
export function ContractDownloads({ contract }: { contract: ContractView }) {
  const { t } = useTranslation();
  const hasSignatures = contract.signers.some((s) => s.status === 'signed');
  const latestLabel = t(
    contract.status === 'signed' ? 'contracts.download.signed' : 'contracts.download.latest',
  );
  return (
    <Space wrap data-testid="contract-downloads">
      <DownloadButton
        type="primary"
        url={contractDocumentUrl(contract.id, 'latest')}
        filename={contractFileName(
          contract.contractNumber,
          contract.status === 'signed' ? 'signed' : 'latest',
          'pdf',
        )}
        label={latestLabel}
        disabled={!hasSignatures}
        disabledReason={t('contracts.download.noSignatures')}
        testId="download-signed-pdf"
      >
        {latestLabel}
      </DownloadButton>
      <DownloadButton
        type="default"
        url={contractDocumentUrl(contract.id, 'original')}
        filename={contractFileName(contract.contractNumber, 'unsigned', 'pdf')}
        label={t('contracts.download.original')}
        testId="download-original-pdf"
      >
        {t('contracts.download.original')}
      </DownloadButton>
      <DownloadButton
        type="default"
        url={contractVerificationUrl(contract.id)}
        filename={contractFileName(contract.contractNumber, 'verification', 'json')}
        label={t('contracts.download.verification')}
        disabled={!hasSignatures}
        disabledReason={t('contracts.download.noSignatures')}
        testId="download-verification"
      >
        {t('contracts.download.verification')}
      </DownloadButton>
    </Space>
  );
}
