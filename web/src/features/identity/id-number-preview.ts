/**
 * What an 18-character ID number says about birth date and sex, for the form's preview only (the
 * server checks the number and decides).
 */
export function previewIdNumber(idNumber: string): { birthDate: string; sex: 'male' | 'female' } | null {
  const n = idNumber.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(n)) return null;
  const birthDate = `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`;
  if (Number.isNaN(Date.parse(birthDate))) return null;
  return { birthDate, sex: Number(n[16]) % 2 === 1 ? 'male' : 'female' };
}
