import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Pagination } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useResource } from '../../api/use-resource';
import { ErrorAlert } from '../../shared/error-alert';
import { PageLoading } from '../../shared/page-loading';
import { PageTitle } from '../../shared/page-title';
import { fetchMyApplications } from './applications-api';
import { ApplicationListItem } from './application-list-item';
import { useProducts } from './use-products';

const pageSize = 10;

export function MyApplicationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const applications = useResource(() => fetchMyApplications(page, pageSize), [page]);
  const products = useProducts();

  return (
    <div className="page-narrow">
      <PageTitle
        title={t('myApplications.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/applications/new')}
            data-testid="new-application"
          >
            {t('myApplications.new')}
          </Button>
        }
      />
      <ErrorAlert error={applications.error} />
      {applications.loading && !applications.data ? (
        <PageLoading />
      ) : applications.data?.items.length ? (
        <Flex vertical gap={12} data-testid="application-list">
          {applications.data.items.map((a) => (
            <ApplicationListItem key={a.id} application={a} productName={products.nameOf(a.productCode)} />
          ))}
          <Pagination
            simple
            align="center"
            current={page}
            pageSize={pageSize}
            total={applications.data.total}
            hideOnSinglePage
            onChange={setPage}
          />
        </Flex>
      ) : (
        applications.data && <Empty description={t('myApplications.empty')} />
      )}
    </div>
  );
}
