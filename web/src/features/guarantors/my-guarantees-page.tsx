/** The guarantees a person was invited to give: accept with consent, or decline. (To be built.) */
export function MyGuaranteesPage() {
  return null;
}
