/** GS1 Global Location Number (EAN location number): 13 digits, the last a mod-10 check digit. */
export function isValidGln(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  const digits = value.split('').map(Number);
  const check = digits.pop() as number;
  // Weights 3,1,3,1… from the rightmost data digit.
  const sum = digits.reverse().reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}
