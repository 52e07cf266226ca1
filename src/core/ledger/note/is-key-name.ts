import { noteTextProblem } from './note-text-problem';

/**
 * Whether `name` is a valid note key name (C2SP signed-note v1.0.0): non-empty, no Unicode white space,
 * no `+` (the vkey separator). We also refuse control characters, which a note may not contain anyway.
 */
export function isKeyName(name: string): boolean {
  return name !== '' && !/[\p{White_Space}+]/u.test(name) && noteTextProblem(name) === undefined;
}
