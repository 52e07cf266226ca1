import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LedgerEntryList } from '../../../../src/contracts/ledger.schema';
import { DownloadButton } from './download-button';
import { evidencePackageFilename, evidencePackageUrl } from './ledger-api';
import { LedgerEntriesTable } from './ledger-entries-table';

/** One application's entries, with its whole evidence package to download. */
interface Props {
  list: LedgerEntryList;
  loading: boolean;
  /** Downloading the package records an `evidence.package` entry, so the list is reloaded after it. */
  onPackageDownloaded: () => void;
}

export function ApplicationEntriesCard({ list, loading, onPackageDownloaded }: Props) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={
        <span data-testid="ledger-entries-reference">
          {t('ledger.entries.title', { reference: list.reference })}
        </span>
      }
      extra={
        <DownloadButton
          type="default"
          url={evidencePackageUrl(list.applicationId)}
          filename={evidencePackageFilename(list.reference)}
          label={t('ledger.entries.evidencePackage')}
          testId="ledger-download-evidence"
          onDownloaded={onPackageDownloaded}
        >
          {t('ledger.entries.evidencePackage')}
        </DownloadButton>
      }
    >
      <LedgerEntriesTable entries={list.entries} loading={loading} />
    </Card>
  );
}
