import type {
  AdmissionView,
  ConcludeInterviewBody,
  InterviewConsoleView,
  InterviewView,
  JoinBody,
  MyInterviewsView,
  OfferSlotsBody,
  SlotView,
} from '../../../../src/contracts/interview.schema';
import { apiRequest } from '../../api/client';

export type { AdmissionView, InterviewConsoleView, InterviewView, MyInterviewsView, SlotView };
export type InterviewListView = { items: InterviewView[] };
type Slots = { items: SlotView[] };

export const fetchMyInterviews = () => apiRequest<MyInterviewsView>('GET', '/interviews');
export const fetchOpenSlots = (applicationId: string) =>
  apiRequest<Slots>('GET', `/applications/${applicationId}/interview-slots`);
export const bookInterview = (applicationId: string, slotId: string) =>
  apiRequest<InterviewView>('POST', `/applications/${applicationId}/interview`, { json: { slotId } });
export const cancelMyInterview = (applicationId: string) =>
  apiRequest<InterviewView>('POST', `/applications/${applicationId}/interview/cancel`, { json: {} });
export const fetchInterview = (id: string) => apiRequest<InterviewView>('GET', `/interviews/${id}`);
export const fetchAdmission = (id: string) => apiRequest<AdmissionView>('GET', `/interviews/${id}/admission`);
export const joinInterview = (id: string, body: JoinBody) =>
  apiRequest<AdmissionView>('POST', `/interviews/${id}/join`, { json: body });

export const offerSlots = (body: OfferSlotsBody) =>
  apiRequest<Slots>('POST', '/staff/interview-slots', { json: body });
export const fetchMySlots = () => apiRequest<Slots>('GET', '/staff/interview-slots');
export const withdrawSlot = (id: string) =>
  apiRequest<{ ok: true }>('DELETE', `/staff/interview-slots/${id}`);
export const fetchStaffInterviews = () => apiRequest<InterviewListView>('GET', '/staff/interviews');
export const fetchConsole = (id: string) =>
  apiRequest<InterviewConsoleView>('GET', `/staff/interviews/${id}`);

const act = (id: string, path: string, json?: unknown) =>
  apiRequest<InterviewConsoleView>(
    'POST',
    `/staff/interviews/${id}/${path}`,
    json === undefined ? {} : { json },
  );
export const startInterview = (id: string) => act(id, 'start');
export const confirmDisclosure = (id: string, key: string, method: 'voice' | 'nod') =>
  act(id, 'confirmations', { key, method });
export const answerQuestion = (id: string, key: string, answer: string) =>
  act(id, 'answers', { key, answer });
export const flagPrompting = (id: string, note: string) => act(id, 'prompting', { note });
export const concludeInterview = (id: string, body: ConcludeInterviewBody) => act(id, 'conclusion', body);
export const cancelInterview = (id: string, reason: string) => act(id, 'cancel', { reason });
export const decideQc = (id: string, decision: 'sign_off' | 'return', reason: string) =>
  act(id, 'qc', { decision, reason });
