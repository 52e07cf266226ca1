import { PDFDocument } from 'pdf-lib';
import { describeContractDocument, renderContractModel } from '../../core/contract/loan-contract-template';
import type { ContractDocuments } from '../../features/contracts/contract-documents.port';
import { loadCjkFont } from '../pdf/load-cjk-font';
import { renderContractPdf } from '../pdf/render-contract-pdf';
import type { PlatformPki } from '../pki/load-platform-pki';
import { finishSignedContract, signAsBank, signAsPerson } from '../pki/sign-contract';
import { verifyPdfSignatures } from '../pki/verify-pdf-signatures';

/**
 * The contract documents adapter: the template rendered to PDF with the embedded CJK font subset
 * (src/infra/pdf), signatures through the platform PKI (src/infra/pki: per-event certificates, the
 * bank's seal, the TSA, DSS and document timestamp) and verification against the platform root.
 * The PKI is loaded on first use (the embedded set-up runs its key ceremony then).
 */
export function createPdfContractDocuments({
  pki,
  location = 'Beijing',
}: {
  pki: () => Promise<PlatformPki>;
  location?: string;
}): ContractDocuments {
  let font: Promise<Buffer> | undefined;
  return {
    async render(data) {
      font ??= loadCjkFont();
      const pdf = await renderContractPdf(renderContractModel(data), {
        font: await font,
        ...describeContractDocument(data),
      });
      const pageCount = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
      return { pdf, pageCount };
    },
    async signAsPerson({ pdf, party, at, reason, locale }) {
      return signAsPerson({ pdf, pki: await pki(), party, at, reason, location, locale });
    },
    async signAsBank({ pdf, fieldName, at, reason, locale, bankName }) {
      return signAsBank({ pdf, pki: await pki(), fieldName, at, reason, location, locale, bankName });
    },
    async finish(pdf) {
      return finishSignedContract({ pdf, pki: await pki() });
    },
    async verify(pdf) {
      const reports = await verifyPdfSignatures({ pdf, trustedRoots: [(await pki()).rootCertificate] });
      return reports.map((r) => ({
        fieldName: r.field,
        kind: r.kind,
        signer: r.signer,
        claimedTime: r.signingTime,
        timestampTime: r.timestampTime,
        integrity: r.integrity === 'valid',
        chainValid: r.chainStatus === 'valid',
        timestampValid: r.kind === 'document-timestamp' ? r.integrity === 'valid' : r.timestamp === 'valid',
        coversWholeDocument: r.coversWholeDocument,
        problems: r.problems,
      }));
    },
  };
}
