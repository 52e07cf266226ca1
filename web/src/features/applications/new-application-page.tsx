import { Empty, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useSession } from '../accounts/session-context';
import { ErrorAlert } from '../../shared/error-alert';
import { PageLoading } from '../../shared/page-loading';
import { PageTitle } from '../../shared/page-title';
import { applicationKindOf } from './account-kind';
import { ProductCard } from './product-card';
import { useProducts } from './use-products';

/** Step zero of a new application: pick one of the products open to this kind of account. */
export function NewApplicationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { session } = useSession();
  const products = useProducts();
  const kind = session ? applicationKindOf(session.account.role) : 'individual';
  const offered = products.items.filter((p) => p.kind === kind);

  return (
    <div className="page-narrow">
      <PageTitle title={t('newApplication.title')} />
      <ErrorAlert error={products.error} />
      {products.loading ? (
        <PageLoading />
      ) : offered.length ? (
        <Flex vertical gap={12}>
          {offered.map((p) => (
            <ProductCard key={p.code} product={p} onChoose={() => navigate(`/applications/new/${p.code}`)} />
          ))}
        </Flex>
      ) : (
        <Empty description={t('newApplication.noProducts')} />
      )}
    </div>
  );
}
