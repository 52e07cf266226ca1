import type {
  ConsentKind,
  ConsentList,
  ConsentTextList,
  ConsentView,
  FaceCheckResult,
  FaceCheckStarted,
  PhoneCodeSent,
  SmsOutboxView,
  StaffIdentityChecks,
  StartVerificationBody,
  VerificationView,
} from '../../../../src/contracts/identity.schema';
import { apiRequest } from '../../api/client';

export const fetchVerification = () => apiRequest<VerificationView>('GET', '/identity/verification');
export const fetchConsentTexts = () => apiRequest<ConsentTextList>('GET', '/identity/consent-texts');
export const fetchConsents = () => apiRequest<ConsentList>('GET', '/identity/consents');

export const startVerification = (body: StartVerificationBody) =>
  apiRequest<VerificationView>('POST', '/identity/verification', { json: body });

export const sendPhoneCode = (mobile: string) =>
  apiRequest<PhoneCodeSent>('POST', '/identity/verification/phone-code', { json: { mobile } });

export const verifyPhoneCode = (code: string) =>
  apiRequest<VerificationView>('POST', '/identity/verification/phone-code/verify', { json: { code } });

export const giveConsent = (input: { kind: ConsentKind; textVersion: string; locale: 'zh-CN' | 'en' }) =>
  apiRequest<ConsentView>('POST', '/identity/consents', { json: { ...input, method: 'click' } });

export const withdrawConsent = (id: string) =>
  apiRequest<ConsentView>('POST', `/identity/consents/${id}/withdraw`, { json: {} });

export const chooseOfficerVideo = () =>
  apiRequest<VerificationView>('POST', '/identity/verification/officer-video', { json: {} });

export const startFaceCheck = () =>
  apiRequest<FaceCheckStarted>('POST', '/identity/face-checks', { json: {} });

export const submitFaceFrames = (id: string, frames: string[]) =>
  apiRequest<FaceCheckResult>('POST', `/identity/face-checks/${id}/frames`, { json: { frames } });

export const registerInDevRegistry = (body: { name: string; idNumber: string; photo?: string }) =>
  apiRequest<{ ok: true }>('POST', '/identity/dev/registry', { json: body });

export const fetchSmsOutbox = () => apiRequest<SmsOutboxView>('GET', '/admin/sms-outbox');

export const fetchIdentityChecks = (applicationId: string) =>
  apiRequest<StaffIdentityChecks>('GET', `/staff/applications/${applicationId}/identity-checks`);
