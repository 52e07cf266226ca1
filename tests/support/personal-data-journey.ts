import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { samplePdf } from '../../src/cli/seed-demo';
import type { FaceAnalysis } from '../../src/core/identity/face-analysis';
import { facesDir } from './faces-dir';
import { creditCodeFor, idNumberFor } from './fixtures';
import type { Planted } from './plaintext-scan';
import { TestClient, type TestPlatform } from './test-platform';

/**
 * The personal-data suite's people: distinctive values (so a hit cannot be chance) put through the
 * real journeys by `walkPersonalDataJourney`, and the face photos they use (the shared test photos).
 */
export const person = {
  borrower: {
    name: '欧阳晓岚',
    idNumber: idNumberFor('19770423', '918'),
    mobile: '15937264810',
    address: '云南省大理白族自治州洱源县凤羽镇起凤村十七号',
  },
  legalRepresentative: {
    name: '司马青衫',
    idNumber: idNumberFor('19640817', '274'),
    mobile: '18671529043',
  },
  enterprise: { mobile: '17765432109', creditCode: creditCodeFor('91530100MA6K7Q8R2') },
  guarantor: { name: '慕容青禾', mobile: '13627384950' },
  /** Same person (a labelled pair of the pivot file): the registry photo and three selfie frames. */
  photos: { reference: 'img5.jpg', frames: ['img6.jpg', 'img11.jpg', 'img10.jpg'], idCopy: 'img16.jpg' },
} as const;

export const photo = (file: string): Buffer => readFileSync(join(facesDir(), file));

/** A face embedding as it could be written out: numbers as text (full and 6 decimals) and raw floats. */
export function embeddingPlants(label: string, analysis: FaceAnalysis): Planted[] {
  const face = analysis.faces[0];
  if (!face?.embedding) return [];
  const e = Array.from(face.embedding);
  const texts = [0, 300, 700].flatMap((at) => {
    const slice = e.slice(at, at + 3);
    return [slice.map(String).join(','), slice.map((x) => x.toFixed(6)).join(',')];
  });
  return [
    {
      kind: 'face embedding',
      label,
      value: Buffer.from(new Float32Array(face.embedding).buffer),
      texts,
    },
  ];
}

/** The planted text values, by kind (the seeded contract journey's people are added by the caller). */
export function plantedValues(): Planted[] {
  const { borrower: b, legalRepresentative: r, enterprise: e } = person;
  return [
    { kind: 'name', label: 'borrower name', value: b.name },
    { kind: 'name', label: 'legal representative name', value: r.name },
    { kind: 'id number', label: 'borrower ID number', value: b.idNumber },
    { kind: 'id number', label: 'legal representative ID number', value: r.idNumber },
    { kind: 'mobile', label: 'borrower mobile', value: b.mobile },
    { kind: 'mobile', label: 'legal representative mobile', value: r.mobile },
    { kind: 'mobile', label: 'enterprise account mobile', value: e.mobile },
    { kind: 'name', label: 'invited guarantor name', value: person.guarantor.name },
    { kind: 'mobile', label: 'invited guarantor mobile', value: person.guarantor.mobile },
    { kind: 'address', label: 'borrower address', value: b.address },
    { kind: 'credit code', label: 'enterprise credit code', value: e.creditCode },
  ];
}

/**
 * The borrower's journey through the API: registration, an application with an address and two
 * documents (a JPEG ID copy, a PDF naming them), submission, identity verification with the face step
 * on real photos (registry photo, all consents including keeping the frames, a face check on three
 * frames), and an enterprise applicant's draft naming its legal representative. Returns what the
 * deletion tests need.
 */
export async function walkPersonalDataJourney({
  p,
  admin,
}: {
  p: TestPlatform;
  admin: TestClient;
}): Promise<{ client: TestClient; applicationId: string; faceCheckId: string; frames: Buffer[] }> {
  const { borrower: b, legalRepresentative: r, enterprise: e, photos } = person;
  const c = new TestClient(p.app);
  expect((await c.register({ mobile: b.mobile, displayName: b.name })).status).toBe(201);
  const created = await c.call('POST', '/api/applications', {
    kind: 'individual',
    details: {
      loan: {
        productCode: 'personal-consumer',
        amount: '80000.00',
        termMonths: 24,
        repaymentMethod: 'equal_installment',
        purpose: 'consumption',
      },
      applicant: {
        fullName: b.name,
        idNumber: b.idNumber,
        mobile: b.mobile,
        address: b.address,
        employmentStatus: 'employed',
        monthlyIncome: '20000.00',
        existingMonthlyRepayment: '1000.00',
        existingDebtTotal: '20000.00',
      },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const applicationId = created.body.id as string;
  const upload = (kind: string, filename: string, bytes: Buffer, type: string) =>
    c.call(
      'POST',
      `/api/applications/${applicationId}/documents?kind=${kind}&filename=${encodeURIComponent(filename)}`,
      bytes,
      { 'content-type': type },
    );
  // The file names name the borrower too: they are personal data as much as the bytes.
  expect(
    (await upload('id_card_copy', `${b.name}身份证.jpg`, photo(photos.idCopy), 'image/jpeg')).status,
  ).toBe(201);
  const proof = samplePdf(`Income proof ${b.idNumber} ${b.mobile}`);
  expect((await upload('income_proof', `${b.idNumber}.pdf`, proof, 'application/pdf')).status).toBe(201);
  expect((await c.call('POST', `/api/applications/${applicationId}/submit`, {})).status).toBe(200);
  const invited = await c.call('POST', `/api/applications/${applicationId}/guarantors`, {
    name: person.guarantor.name,
    mobile: person.guarantor.mobile,
    relationship: 'friend',
  });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);

  // Identity: the registry holds the borrower's photo; the selfie frames are the same person.
  const reg = await c.call('POST', '/api/identity/dev/registry', {
    name: b.name,
    idNumber: b.idNumber,
    photo: photo(photos.reference).toString('base64'),
  });
  expect(reg.status).toBe(201);
  expect((await c.consent('personal_information')).status).toBe(201);
  const started = await c.call('POST', '/api/identity/verification', { name: b.name, idNumber: b.idNumber });
  expect(started.body.verification?.status).toBe('authority_passed');
  expect((await c.call('POST', '/api/identity/verification/phone-code', { mobile: b.mobile })).status).toBe(
    200,
  );
  const outbox = await admin.call('GET', '/api/admin/sms-outbox');
  const masked = `${b.mobile.slice(0, 3)}****${b.mobile.slice(7)}`;
  const message = outbox.body.items.find((m: { mobileMasked: string }) => m.mobileMasked === masked);
  const code = /(\d{6})/.exec(message.text)![1]!;
  const verified = await c.call('POST', '/api/identity/verification/phone-code/verify', { code });
  expect(verified.body.verification?.status).toBe('phone_verified');
  for (const kind of ['credit_inquiry', 'recording', 'face_data', 'face_image_retention'])
    expect((await c.consent(kind)).status).toBe(201);
  const check = await c.call('POST', '/api/identity/face-checks', {});
  expect(check.status).toBe(201);
  const frames = photos.frames.map(photo);
  const result = await c.call('POST', `/api/identity/face-checks/${check.body.id}/frames`, {
    frames: frames.map((f) => f.toString('base64')),
  });
  // Still photos cannot turn their head: the check fails the challenge, but every frame was analysed
  // and, under the retention consent, kept.
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  expect(result.body.check.imagesRetained).toBe(true);

  // An enterprise applicant's draft naming its legal representative.
  const ent = new TestClient(p.app);
  expect(
    (
      await ent.register({
        mobile: e.mobile,
        displayName: r.name,
        role: 'borrower_enterprise',
        enterprise: {
          companyName: '滇池远航科技有限公司',
          creditCode: e.creditCode,
          actingAs: 'legal_representative',
        },
      })
    ).status,
  ).toBe(201);
  const draft = await ent.call('POST', '/api/applications', {
    kind: 'enterprise',
    details: {
      loan: {
        productCode: 'project-finance',
        amount: '30000000.00',
        termMonths: 120,
        repaymentMethod: 'equal_principal',
        purpose: 'project_construction',
      },
      company: {
        name: '滇池远航科技有限公司',
        creditCode: e.creditCode,
        industry: 'utilities',
        yearsInOperation: 8,
        actingAs: 'legal_representative',
      },
      project: { name: '光伏电站', totalInvestment: '80000000.00', ownFunds: '24000000.00' },
      stakeholders: [{ role: 'legal_representative', name: r.name, idNumber: r.idNumber, mobile: r.mobile }],
    },
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  return { client: c, applicationId, faceCheckId: check.body.id as string, frames };
}
