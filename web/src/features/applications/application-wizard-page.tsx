import { Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router-dom';
import { useResource } from '../../api/use-resource';
import { ErrorAlert } from '../../shared/error-alert';
import { PageLoading } from '../../shared/page-loading';
import { fetchApplication } from './applications-api';
import { ApplicationWizard } from './application-wizard';
import { useProducts } from './use-products';

/**
 * Serves /applications/new/:productCode and /applications/:id/edit. The ids are read once: after the
 * first save the wizard moves itself to the edit address, and React keeps this same page (and the
 * wizard's state) rather than loading the draft it already has.
 */
export function ApplicationWizardPage() {
  const { t } = useTranslation();
  const params = useParams();
  const [{ id, productCode }] = useState(params);
  const draft = useResource(() => (id ? fetchApplication(id) : Promise.resolve(null)), [id]);
  const products = useProducts();

  if (draft.error || products.error) {
    return (
      <div className="page-narrow">
        <ErrorAlert error={draft.error ?? products.error} />
      </div>
    );
  }
  if (draft.loading || products.loading) return <PageLoading />;
  if (draft.data && draft.data.status !== 'draft')
    return <Navigate to={`/applications/${draft.data.id}`} replace />;

  const product = products.find(draft.data?.productCode ?? productCode ?? '');
  if (!product) return <Result status="404" title={t('newApplication.unknownProduct')} />;
  return (
    <div className="page-narrow">
      <ApplicationWizard product={product} initial={draft.data ?? null} />
    </div>
  );
}
