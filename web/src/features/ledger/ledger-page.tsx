import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useResource } from '../../api/use-resource';
import { ErrorAlert } from '../../shared/error-alert';
import { PageLoading } from '../../shared/page-loading';
import { PageTitle } from '../../shared/page-title';
import { useSession } from '../accounts/session-context';
import { ApplicationEntriesCard } from './application-entries-card';
import { isApplicationId } from './application-lookup';
import { ApplicationSearch } from './application-search';
import { CheckpointCard } from './checkpoint-card';
import { fetchApplicationEntries, fetchLedgerOverview } from './ledger-api';
import { VerifierKeyCard } from './verifier-key-card';
import { WitnessesCard } from './witnesses-card';

/**
 * Staff's view of the evidence ledger: the latest checkpoint, its witnesses and the verifier key, and an
 * application's entries. The application is in the address (`?application=<id>`), so the staff
 * application page can link here and a reload shows the same entries.
 */
export function LedgerPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  // Administrators see the log itself but no applications (the API refuses them an application's entries).
  const seesApplications = session?.account.role !== 'admin';
  const [params, setParams] = useSearchParams();
  const requested = params.get('application')?.trim() ?? '';
  const applicationId = seesApplications && isApplicationId(requested) ? requested.toLowerCase() : undefined;

  const overview = useResource(() => fetchLedgerOverview(), []);
  const entries = useResource(
    () => (applicationId ? fetchApplicationEntries(applicationId) : Promise.resolve(undefined)),
    [applicationId],
  );
  // While another application loads, the previous one's entries are not shown under the new search.
  const list = entries.data?.applicationId === applicationId ? entries.data : undefined;

  const refresh = () => {
    overview.reload();
    entries.reload();
  };

  return (
    <div className="page-wide">
      <PageTitle
        title={t('ledger.title')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={refresh}
            loading={overview.loading && !!overview.data}
            data-testid="ledger-refresh"
          >
            {t('ledger.refresh')}
          </Button>
        }
      />
      <Flex vertical gap={16}>
        <ErrorAlert error={overview.error} />
        {overview.data ? (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <CheckpointCard overview={overview.data} />
            </Col>
            <Col xs={24} xl={10}>
              <Flex vertical gap={16}>
                <WitnessesCard overview={overview.data} />
                <VerifierKeyCard vkey={overview.data.vkey} />
              </Flex>
            </Col>
          </Row>
        ) : (
          overview.loading && <PageLoading />
        )}
        {seesApplications && (
          <Card size="small" title={t('ledger.search.title')}>
            <ApplicationSearch
              initialText={requested}
              onFound={(id) => (id === applicationId ? entries.reload() : setParams({ application: id }))}
            />
          </Card>
        )}
        {applicationId && <ErrorAlert error={entries.error} />}
        {list ? (
          <ApplicationEntriesCard
            list={list}
            loading={entries.loading}
            onPackageDownloaded={entries.reload}
          />
        ) : (
          applicationId && entries.loading && <PageLoading />
        )}
      </Flex>
    </div>
  );
}
