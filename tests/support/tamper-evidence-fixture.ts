import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { expect } from 'vitest';
import { contractJourneyAccounts } from '../../src/cli/seed-contract-journey';
import { seedDemo } from '../../src/cli/seed-demo';
import { finishRecording } from '../../src/features/interview-media/finish-recording';
import type { RecordingRow } from '../../src/features/interview-media/interview-media.ports';
import { integrateLedger } from '../../src/features/ledger/integrate-ledger';
import { publishCheckpoint } from '../../src/features/ledger/publish-checkpoint';
import { recordEvidence } from '../../src/features/ledger/record-evidence';
import { composeLedgerDeps } from '../../src/http/compose-deps';
import { createDbRecordingStore } from '../../src/infra/media/db-recording-store';
import { createFfmpegComposer } from '../../src/infra/media/ffmpeg-composer';
import { contractJourney, demo } from './contract-journey';
import type { TestPlatform } from './test-platform';

/** What a platform holds after `buildEvidence`: the things the tamper and restore suites check. */
export interface BuiltEvidence {
  applicationId: string;
  contractId: string;
  /** The sealed contract as the API hands it out. */
  signedPdf: Buffer;
  /** The contract.document (signed) record's pdfSha256, read from the verified evidence package. */
  ledgerPdfSha256: string;
  /** The loan's evidence package (zip) as the API hands it out. */
  evidencePackage: Buffer;
  recording: RecordingRow;
}

/**
 * Real evidence on a test platform, through the real code paths: the demo seed (applications,
 * documents, consents, approvals — each with its ledger leaves), a contract signed by borrower and
 * guarantor and sealed by an approver (PAdES B-LTA), an interview recording made the way the
 * recorder makes one (a camera segment WebM written by ffmpeg, composited by the real composer,
 * registered by `finishRecording` with its `interview.recording` leaf), the loan's evidence package,
 * and the ledger integrated with a signed checkpoint.
 */
export async function buildEvidence(p: TestPlatform): Promise<BuiltEvidence> {
  await seedDemo({ infra: p.infra, config: p.config });
  const { id: applicationId } = await p.infra.database.db
    .selectFrom('applications')
    .select('id')
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  const journey = contractJourney(() => p);
  const { contract, approver } = await journey.signLoanContract(applicationId);

  const ledger = composeLedgerDeps({ infra: p.infra, config: p.config });
  const recordingsDir = join(p.config.dataDir, 'recordings');
  const segmentDir = join(recordingsDir, 'segments');
  mkdirSync(segmentDir, { recursive: true });
  const segment = join(segmentDir, 'camera-1.webm');
  // One second of camera (test pattern) and microphone (tone), as werift's recorder would write it.
  execFileSync('ffmpeg', [
    ...['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '1'],
    ...['-c:v', 'libvpx', '-b:v', '100k', '-c:a', 'libopus', segment],
  ]);
  const borrower = await p.infra.accounts.findCredentialsByMobile(contractJourneyAccounts.borrower.mobile);
  const officer = await p.infra.accounts.findCredentialsByMobile(demo('loan_officer').mobile);
  const sessionStart = new Date(Date.now() - 2_000);
  const recording = await finishRecording(
    {
      composer: createFfmpegComposer({ recordingsDir }),
      recordings: createDbRecordingStore({ db: p.infra.database.db }),
      recordEvidence: async (input) => (await recordEvidence(ledger, [input]))[0]!.index,
      clock: () => new Date(),
      newId: randomUUID,
    },
    {
      interviewId: randomUUID(),
      applicationId,
      sessionId: randomUUID(),
      sessionStart,
      participants: [
        { accountId: borrower!.account.id, role: 'borrower' },
        { accountId: officer!.account.id, role: 'officer' },
      ],
      segments: [
        {
          accountId: borrower!.account.id,
          role: 'borrower',
          kind: 'camera',
          path: segment,
          startedAt: sessionStart,
          endedAt: new Date(sessionStart.getTime() + 1_000),
          location: undefined,
        },
      ],
      endedBy: { accountId: officer!.account.id, role: 'loan_officer' },
    },
  );
  expect(recording).toBeDefined();

  const document = await approver.call('GET', `/api/contracts/${contract.id}/document?revision=latest`);
  expect(document.status).toBe(200);
  const signedPdf = document.raw.rawPayload;
  const pkg = await approver.call('GET', `/api/applications/${applicationId}/evidence`);
  expect(pkg.status).toBe(200);
  const evidencePackage = pkg.raw.rawPayload;
  await integrateLedger(ledger);
  await publishCheckpoint(ledger);

  const files = unzipSync(evidencePackage);
  const signedRecord = Object.entries(files)
    .filter(([path]) => path.startsWith('records/'))
    .map(([, bytes]) => JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown>)
    .find((r) => r.stage === 'signed' && r.contractId === contract.id);
  expect(signedRecord).toBeDefined();
  return {
    applicationId,
    contractId: contract.id,
    signedPdf,
    ledgerPdfSha256: signedRecord!.pdfSha256 as string,
    evidencePackage,
    recording: recording!,
  };
}
