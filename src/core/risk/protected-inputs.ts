/**
 * The platform's protected characteristics (受保护特征): no risk model may read them, whatever the
 * model's own list says. Sex, marital status, age, national origin (foreign worker), ethnicity and
 * religion, under the names the training data sets and our own records use. Compared case-insensitively.
 * They are kept for monitoring fairness by group only — never as model inputs.
 */
export const platformProtectedInputs: readonly string[] = [
  'SEX',
  'MARRIAGE',
  'AGE',
  'personal_status_sex',
  'foreign_worker',
  'age_years',
  'sex',
  'age',
  'age_band',
  'birth_date',
  'marital_status',
  'ethnicity',
  'nationality',
  'religion',
  'pregnancy',
  'disability',
  'household_registration',
];
