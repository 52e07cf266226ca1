import { expect } from 'vitest';
import { samplePdf } from '../../src/cli/seed-demo';
import type { TestClient } from './test-platform';

/** The evidence upload of a condition precedent, through the API (a PDF unless told). */
export function uploadConditionEvidence(
  officer: TestClient,
  applicationId: string,
  code: string,
  {
    bytes = samplePdf(`evidence of ${code}`),
    contentType = 'application/pdf',
    filename = `${code}.pdf`,
    note = `已核验 ${code}`,
  }: { bytes?: Buffer; contentType?: string; filename?: string; note?: string } = {},
) {
  return officer.call(
    'POST',
    `/api/staff/applications/${applicationId}/conditions/${code}/evidence?filename=${encodeURIComponent(filename)}&note=${encodeURIComponent(note)}`,
    bytes,
    { 'content-type': contentType },
  );
}

/**
 * Meets every outstanding condition precedent of an application the way a loan officer does: an
 * evidence file uploaded for each, through the API. Returns the codes it ticked.
 */
export async function meetConditions(officer: TestClient, applicationId: string): Promise<string[]> {
  const list = await officer.call('GET', `/api/staff/applications/${applicationId}/conditions`);
  expect(list.status).toBe(200);
  const codes = (list.body.outstanding as string[]).slice();
  for (const code of codes)
    expect((await uploadConditionEvidence(officer, applicationId, code)).status).toBe(201);
  return codes;
}
