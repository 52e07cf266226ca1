import { describeJourneyModel } from '../support/journey-model-suite';

/**
 * The model-based journey test on the PostgreSQL server of TEST_DATABASE_URL, in a database of its
 * own (skipped without one). The suite and its settings: tests/support/journey-model-suite.ts.
 */
describeJourneyModel('postgres');
