import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationSummary } from '../../../../src/contracts/applications.schema';
import { ErrorAlert } from '../../shared/error-alert';
import { StatusTag } from '../../shared/status-tag';
import { fetchQueue } from '../staff/staff-api';
import { classifyLookup, isApplicationId, pickApplication } from './application-lookup';

type Outcome =
  | { kind: 'none'; text: string }
  | { kind: 'several'; text: string; candidates: ApplicationSummary[] }
  | { kind: 'error'; error: unknown };

interface Props {
  /** The box's first text; a reference here is looked up at once. */
  initialText: string;
  onFound: (applicationId: string) => void;
}

/** Finds an application by id (used as it is) or by reference (through the work queue's search). */
export function ApplicationSearch({ initialText, onFound }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(initialText);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const search = async (input: string) => {
    const query = classifyLookup(input);
    setOutcome(undefined);
    if (query.kind === 'empty') return;
    if (query.kind === 'id') {
      onFound(query.id);
      return;
    }
    setBusy(true);
    try {
      const q = query.kind === 'reference' ? query.reference : query.text;
      const page = await fetchQueue({ q, page: 1, pageSize: 10 });
      const result = pickApplication(query, page.items);
      if (result.kind === 'found') onFound(result.id);
      else if (result.kind === 'none') setOutcome({ kind: 'none', text: q });
      else setOutcome({ kind: 'several', text: q, candidates: result.candidates });
    } catch (e) {
      setOutcome({ kind: 'error', error: e });
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    // A link may carry a reference rather than an id (`/staff/ledger?application=MQ-2026-000123`).
    if (initialText && !isApplicationId(initialText.trim())) void search(initialText);
    // Only for the text the page opened with, hence no dependencies.
  }, []);

  return (
    <Flex vertical gap={8}>
      <Space.Compact style={{ width: '100%', maxWidth: 480 }}>
        <Input
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => void search(text)}
          placeholder={t('ledger.search.placeholder')}
          allowClear
          data-testid="ledger-search"
        />
        <Button
          type="primary"
          icon={<SearchOutlined />}
          loading={busy}
          onClick={() => void search(text)}
          data-testid="ledger-search-button"
        >
          {t('ledger.search.button')}
        </Button>
      </Space.Compact>
      {outcome?.kind === 'error' && <ErrorAlert error={outcome.error} />}
      {outcome?.kind === 'none' && (
        <Alert
          type="info"
          showIcon
          title={t('ledger.search.notFound', { query: outcome.text })}
          data-testid="ledger-search-none"
        />
      )}
      {outcome?.kind === 'several' && (
        <Alert
          type="info"
          showIcon
          title={t('ledger.search.several', { query: outcome.text })}
          description={
            <Flex vertical align="start">
              {outcome.candidates.map((c) => (
                <Button
                  key={c.id}
                  type="link"
                  style={{ paddingInline: 0 }}
                  onClick={() => {
                    setOutcome(undefined);
                    setText(c.reference);
                    onFound(c.id);
                  }}
                  data-testid="ledger-search-candidate"
                >
                  {c.reference}
                  {c.applicantName && ` · ${c.applicantName}`} <StatusTag status={c.status} />
                </Button>
              ))}
            </Flex>
          }
        />
      )}
    </Flex>
  );
}
