import type { Config } from '../config';
import { auditLedger } from '../features/ledger/audit-ledger';
import { composeLedgerDeps } from '../http/compose-deps';
import { openInfrastructure } from '../infra/open-infrastructure';

/**
 * `mianqian ledger audit`: recomputes the whole log from the stored leaves and reports every
 * difference. Exit 0 when the log is intact, 1 otherwise.
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
    for (const p of report.problems) console.log(`PROBLEM  ${p}`);
    console.log(
      report.ok
        ? `OK  ${report.sequenced} entries (${report.size} in the tree) and ${report.checkpoints} checkpoints recomputed; the log is intact.`
        : `${report.problems.length} problems found in ${report.sequenced} entries (${report.size} in the tree) and ${report.checkpoints} checkpoints.`,
    );
    return report.ok ? 0 : 1;
  } finally {
    await infra.close();
  }
}
