import { Button, Checkbox, Flex, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ConsentKind,
  ConsentTextList,
  VerificationView,
} from '../../../../src/contracts/identity.schema';
import { currentLanguage } from '../../i18n';
import { ConsentText } from './consent-text';
import { chooseOfficerVideo, giveConsent } from './identity-api';
import { IdentityErrorAlert } from './identity-error-alert';

const shown: ConsentKind[] = ['credit_inquiry', 'recording', 'face_data', 'face_image_retention'];
const optional: ConsentKind[] = ['face_image_retention'];

/**
 * Step 3: each consent on its own, each ticked by the borrower (never pre-ticked); face data separately,
 * keeping the images optional. Refusing face recognition leads to the officer's video check.
 */
export function ConsentsStep({
  view,
  texts,
  onDone,
}: {
  view: VerificationView;
  texts: ConsentTextList['items'];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const active = new Set(view.consents.filter((c) => c.withdrawnAt === null).map((c) => c.kind));
  const [ticked, setTicked] = useState<Set<ConsentKind>>(() => new Set(shown.filter((k) => active.has(k))));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const give = async (kinds: ConsentKind[]) => {
    for (const kind of kinds.filter((k) => ticked.has(k) && !active.has(k))) {
      const text = texts.find((x) => x.kind === kind)!;
      await giveConsent({ kind, textVersion: text.version, locale: currentLanguage() });
    }
  };
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const needed = shown.filter((k) => !optional.includes(k));
  const hasAll = needed.every((k) => ticked.has(k));
  const canVideo = ticked.has('credit_inquiry') && ticked.has('recording');

  return (
    <Flex vertical gap={12}>
      {shown.map((kind) => {
        const text = texts.find((x) => x.kind === kind)!;
        return (
          <div key={kind}>
            <ConsentText text={text} />
            <Checkbox
              checked={ticked.has(kind)}
              disabled={active.has(kind)}
              onChange={(e) =>
                setTicked((prev) => {
                  const next = new Set(prev);
                  if (e.target.checked) next.add(kind);
                  else next.delete(kind);
                  return next;
                })
              }
              data-testid={`consent-${kind}`}
            >
              {t('identity.consentRead')}
            </Checkbox>
            {optional.includes(kind) && <Tag style={{ marginLeft: 8 }}>{t('identity.optional')}</Tag>}
          </div>
        );
      })}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <IdentityErrorAlert error={error} />
        <Button
          type="primary"
          block
          disabled={!hasAll}
          loading={busy}
          onClick={() => run(() => give(shown))}
          data-testid="consents-continue"
        >
          {t('identity.consentContinue')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('identity.officerVideoHint')}
        </Typography.Text>
        <Button
          block
          disabled={!canVideo}
          loading={busy}
          onClick={() =>
            run(async () => {
              await give(['credit_inquiry', 'recording', 'face_image_retention']);
              await chooseOfficerVideo();
            })
          }
          data-testid="choose-officer-video"
        >
          {t('identity.officerVideo')}
        </Button>
      </Space>
    </Flex>
  );
}
