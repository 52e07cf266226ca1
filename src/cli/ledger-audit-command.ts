import type { Config } from '../config';
import { auditLedger } from '../features/ledger/audit-ledger';
import { composeLedgerDeps } from '../http/compose-deps';
import { openInfrastructure } from '../infra/open-infrastructure';
import { auditStoredEvidence } from './audit-stored-evidence';

/**
 * `mianqian ledger audit`: recomputes the whole log from the stored leaves and reports every
 * difference, then checks that the recordings, documents and signed contracts the log attests are
 * still those files (auditStoredEvidence). Exit 0 when all is intact, 1 otherwise.
 */
export async function ledgerAuditCommand({ config }: { config: Config }): Promise<number> {
  const infra = await openInfrastructure({ config });
  try {
    const deps = composeLedgerDeps({ infra, config });
    const isTty = process.stderr.isTTY;
    const report = await auditLedger(deps, (done, total) => {
      if (!isTty || total === 0) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} entries`);
    });
    if (isTty) process.stderr.write('\n');
    const stored = await auditStoredEvidence({ infra, ledger: deps });
    for (const p of [...report.problems, ...stored.problems]) console.log(`PROBLEM  ${p}`);
    console.log(
      `${stored.problems.length === 0 ? 'OK' : `${stored.problems.length} problems:`}  ${stored.recordings} recordings, ` +
        `${stored.documents} documents (${stored.erasedDocuments} erased under retention) and ${stored.contracts} signed contracts checked against the ledger.`,
    );
    console.log(
      report.ok
        ? `OK  ${report.sequenced} entries (${report.size} in the tree) and ${report.checkpoints} checkpoints recomputed; the log is intact.`
        : `${report.problems.length} problems found in ${report.sequenced} entries (${report.size} in the tree) and ${report.checkpoints} checkpoints.`,
    );
    return report.ok && stored.problems.length === 0 ? 0 : 1;
  } finally {
    await infra.close();
  }
}
