/** The capacities in which a person acts for a company (the contracts' `ActingAs`, which has no value list). */
export const actingAsValues = ['legal_representative', 'authorised_agent'] as const;
