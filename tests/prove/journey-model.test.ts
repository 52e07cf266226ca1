import { describeJourneyModel } from '../support/journey-model-suite';

/**
 * The model-based journey test on the embedded PGlite (the suite and its settings:
 * tests/support/journey-model-suite.ts; `npm run test:model` runs both databases).
 */
describeJourneyModel('pglite');
