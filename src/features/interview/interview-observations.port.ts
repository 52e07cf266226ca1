import type { FaceSample, RecordingFact } from '../../core/interview/qc-report';

/**
 * What the media side (src/features/interview-media) observed during an interview, for the QC report:
 * face samples taken from the borrower's video and the composite recording. Until the media side feeds
 * them the adapter answers none, and the report says what is missing.
 */
export interface InterviewObservations {
  faceSamples(interviewId: string): Promise<FaceSample[]>;
  recording(interviewId: string): Promise<RecordingFact | null>;
}
