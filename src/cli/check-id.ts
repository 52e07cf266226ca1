import { parseIdNumber } from '../core/identity/id-number';
import { chinaDate } from '../features/applications/applications-deps';

/** `mianqian identity check-id <number>`: exit 0 for a valid number, 1 with the reason otherwise. */
export function checkIdCommand(number: string | undefined): number {
  if (!number) {
    console.error('usage: mianqian identity check-id <number>');
    return 2;
  }
  const today = chinaDate(new Date());
  const result = parseIdNumber({ number, today });
  if (result.ok) {
    console.log(`valid: born ${result.info.birthDate}, ${result.info.sex}, region ${result.info.regionCode}`);
    return 0;
  }
  console.error(`invalid: ${result.message} (${result.problem})`);
  return 1;
}
