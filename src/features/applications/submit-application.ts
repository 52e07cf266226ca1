import { findMissingFields } from '../../core/application/application';
import { assertTransition } from '../../core/application/lifecycle';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { findProduct } from '../../core/screening/policy';
import { screenApplication, type BlocklistMatch } from '../../core/screening/screen-application';
import type { ApplicationRecord } from './application-store.port';
import { chinaDate, type ApplicationsDeps } from './applications-deps';
import type { Capture } from '../../core/ledger/evidence/capture';
import { detailsDigest, eventEvidence } from './event-evidence';
import { loadApplication } from './load-application';

/**
 * The borrower submits a complete draft; first screening runs at once under the current policy, and
 * draft → submitted → screening → under_review | rejected is stored in one transaction together with
 * the screening's decision, each rule's outcome and the policy version.
 */
export async function submitApplication({
  deps,
  actor,
  id,
  version,
  loaded,
  capture,
}: {
  deps: ApplicationsDeps;
  actor: Actor;
  id: string;
  version?: number | undefined;
  /** The record just read, when the caller has it (saves a read). */
  loaded?: ApplicationRecord;
  capture?: Capture | undefined;
}): Promise<ApplicationRecord> {
  const app = loaded ?? (await loadApplication({ deps, actor, id }));
  if (app.borrowerAccountId !== actor.accountId)
    throw new AppError('FORBIDDEN', 'Only the borrower submits an application');
  assertTransition({ from: app.status, to: 'submitted', actor: 'borrower' });
  if (version !== undefined && version !== app.version)
    throw new AppError('APPLICATION_CONFLICT', undefined, { currentVersion: app.version });

  const product = findProduct({ policy: deps.policy, code: app.productCode });
  const missingFields = findMissingFields({
    kind: app.kind,
    details: app.details,
    isProjectFinance: product?.isProjectFinance ?? false,
  });
  if (missingFields.length > 0) throw new AppError('APPLICATION_INCOMPLETE', undefined, { missingFields });

  const { details } = app;
  const idNumbers = [
    details.applicant?.idNumber,
    ...(details.stakeholders ?? []).map((s) => s.idNumber),
  ].filter((x): x is string => !!x);
  const creditCodes = [
    details.company?.creditCode,
    ...(details.stakeholders ?? []).map((s) => s.creditCode),
  ].filter((x): x is string => !!x);
  const [hits, documents] = await Promise.all([
    idNumbers.length + creditCodes.length > 0
      ? deps.applications.blocklistMatches({ idNumbers, creditCodes })
      : { idNumbers: [], creditCodes: [] },
    deps.applications.documents(id),
  ]);
  const blocklistMatches: BlocklistMatch[] = [
    ...hits.idNumbers.map((n): BlocklistMatch => ({
      subject: n === details.applicant?.idNumber ? 'applicant' : 'stakeholder',
    })),
    ...hits.creditCodes.map((c): BlocklistMatch => ({
      subject: c === details.company?.creditCode ? 'company' : 'stakeholder',
    })),
  ];

  const decision = screenApplication({
    kind: app.kind,
    details,
    documentKinds: documents.map((d) => d.kind),
    blocklistMatches,
    today: chinaDate(deps.clock()),
    policy: deps.policy,
  });
  const outcome = decision.decision === 'pass' ? 'under_review' : 'rejected';
  assertTransition({ from: 'submitted', to: 'screening', actor: 'system' });
  assertTransition({ from: 'screening', to: outcome, actor: 'system' });

  const failed = decision.results.filter((r) => r.outcome === 'fail').map((r) => r.ruleId);
  const events = [
    {
      fromStatus: app.status,
      toStatus: 'submitted',
      actorAccountId: actor.accountId,
      actorRole: actor.role,
      reason: null,
    },
    {
      fromStatus: 'submitted',
      toStatus: 'screening',
      actorAccountId: null,
      actorRole: 'system',
      reason: `policy ${decision.policyVersion}`,
    },
    {
      fromStatus: 'screening',
      toStatus: outcome,
      actorAccountId: null,
      actorRole: 'system',
      reason: failed.length ? `screening failed: ${failed.join(', ')}` : 'screening passed',
    },
  ] as const;
  const evidence = await eventEvidence(deps, {
    applicationId: id,
    events,
    capture,
    extra: [
      { details: detailsDigest(details) },
      undefined,
      {
        policyVersion: decision.policyVersion,
        rules: decision.results.map((r) => ({ rule: r.ruleId, outcome: r.outcome })),
      },
    ],
  });
  const updated = await deps.applications.transition({
    id,
    expectedVersion: app.version,
    status: outcome,
    isSubmission: true,
    screening: decision,
    events: [...events],
    evidence,
  });
  if (!updated) throw new AppError('APPLICATION_CONFLICT');
  deps.evidence.sequence();
  return updated;
}
