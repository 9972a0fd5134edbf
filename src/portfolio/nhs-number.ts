/**
 * Whether ten digits form a valid NHS number: the first nine weighted 10 down to 2, the sum's
 * remainder mod 11 taken from 11 gives the check digit (11 counts as 0; 10 is never valid).
 * See NHS Data Dictionary, "NHS NUMBER" (Modulus 11 algorithm).
 */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}
