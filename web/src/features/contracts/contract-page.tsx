import { Card, Col, Flex, Result, Row, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../../api/use-resource';
import { PageLoading } from '../../shared/page-loading';
import { PageTitle } from '../../shared/page-title';
import { formatDateTime } from '../../shared/date-time';
import { mySigner, readPageSet, sha256Hex } from './contract-format';
import { ContractDownloads } from './contract-downloads';
import { ContractErrorAlert } from './contract-error-alert';
import { ContractStatusTag } from './contract-status-tag';
import { ContractSummary } from './contract-summary';
import { fetchContract, fetchContractDocument, markPageRead } from './contracts-api';
import { PdfReader } from './pdf-reader';
import { SignersTable } from './signers-table';
import { SignPanel } from './sign-panel';
import { VerificationCard } from './verification-card';

/**
 * One contract for a borrower or guarantor: the terms and the signers, the unsigned PDF page by page
 * (each page recorded as read once it has been on screen), then the intent, the second factor and the
 * signature; once signed, the downloads and the verification report.
 */
export function ContractPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const contract = useResource(() => fetchContract(id), [id]);
  // The original is what every party reads and signs: its hash goes with the signature.
  const pdf = useResource(async () => {
    const bytes = await fetchContractDocument(id, 'original');
    return { bytes, hash: await sha256Hex(bytes) };
  }, [id]);
  const [readError, setReadError] = useState<unknown>(null);
  const recording = useRef(new Set<number>());
  const setContract = contract.set;

  const onPageViewed = useCallback(
    (page: number) => {
      if (recording.current.has(page)) return;
      recording.current.add(page);
      markPageRead(id, page).then(
        (view) => {
          setReadError(null);
          setContract(view);
        },
        (e: unknown) => {
          recording.current.delete(page);
          setReadError(e);
        },
      );
    },
    [id, setContract],
  );

  if (contract.error) {
    return (
      <div className="page-narrow">
        <ContractErrorAlert error={contract.error} />
      </div>
    );
  }
  const c = contract.data;
  if (!c) return <PageLoading />;
  const me = mySigner(c);
  const isSigner = me !== undefined;
  const hasSigned = me?.status === 'signed';

  return (
    <div className="page-wide" data-testid="contract-page" data-contract-id={c.id} data-status={c.status}>
      <Link to="/contracts" data-testid="back-to-contracts">
        ← {t('contracts.back')}
      </Link>
      <PageTitle
        title={
          <Flex align="center" gap={8} wrap>
            <span>{t('contracts.title')}</span>
            <ContractStatusTag status={c.status} testId="contract-page-status" />
          </Flex>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <ContractSummary contract={c} />
            <Card size="small" title={t('contracts.signers.title')}>
              <SignersTable contract={c} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            {hasSigned && (
              <Card size="small" data-testid="sign-done">
                <Result
                  status="success"
                  style={{ padding: 12 }}
                  title={t(c.status === 'signed' ? 'contracts.done.complete' : 'contracts.done.signed')}
                  subTitle={
                    me.signedAt
                      ? `${t('contracts.signers.signedAt')} ${formatDateTime(me.signedAt)}`
                      : undefined
                  }
                  extra={<ContractDownloads contract={c} />}
                />
              </Card>
            )}
            {hasSigned && <VerificationCard contractId={c.id} version={c.currentHash} />}
            <Card size="small" title={t('contracts.reader.title')}>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t(hasSigned || !isSigner ? 'contracts.reader.hintSigned' : 'contracts.reader.hint')}
              </Typography.Paragraph>
              <ContractErrorAlert error={pdf.error ?? readError} />
              {pdf.data ? (
                <PdfReader
                  bytes={pdf.data.bytes}
                  readPages={isSigner ? readPageSet(me.pagesRead, c.pageCount) : null}
                  onPageViewed={isSigner && !hasSigned ? onPageViewed : undefined}
                />
              ) : (
                !pdf.error && <PageLoading />
              )}
            </Card>
            {!hasSigned && isSigner && (
              <SignPanel contract={c} readHash={pdf.data?.hash ?? null} onSigned={contract.set} />
            )}
          </Flex>
        </Col>
      </Row>
    </div>
  );
}
