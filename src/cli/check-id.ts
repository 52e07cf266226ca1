import { parseIdNumber } from '../core/identity/id-number';

/** `mianqian identity check-id <number>`: exit 0 for a valid number, 1 with the reason otherwise. */
export function checkIdCommand(number: string | undefined): number {
  if (!number) {
    console.error('usage: mianqian identity check-id <number>');
    return 2;
  }
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const result = parseIdNumber({ number, today });
  if (result.ok) {
    console.log(`valid: born ${result.info.birthDate}, ${result.info.sex}, region ${result.info.regionCode}`);
    return 0;
  }
  console.error(`invalid: ${result.message} (${result.problem})`);
  return 1;
}
