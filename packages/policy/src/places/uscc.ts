/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character alphabet
 * (digits and capitals without I, O, S, V, Z, which read like digits), the last a check character computed
 * modulo 31 over the first 17 with fixed weights.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character for the first 17 characters, or null if one is outside the alphabet. */
export function usccCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i] as string);
    if (v < 0) return null;
    sum += v * (WEIGHTS[i] as number);
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] as string;
}

/**
 * True for an 18-character code in the standard's alphabet whose positions 3–8 are the numeric division code
 * and whose check character matches. Upper case only: the standard has no lower case, and silently
 * normalising would let two spellings of one enterprise id into the event store.
 */
export function isValidUscc(code: string): boolean {
  if (typeof code !== 'string' || code.length !== 18) return false;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return false;
  return usccCheckCharacter(code.slice(0, 17)) === code[17];
}

/**
 * A valid code for examples, tests and demo data: 91 (an enterprise registered with the market regulator)
 * + the division code + `MA` + a 7-digit serial + the check character. Not a real enterprise's code.
 */
export function exampleUscc(divisionCode: string, serial: number): string {
  if (!/^\d{6}$/.test(divisionCode) || !Number.isInteger(serial) || serial < 0 || serial > 9_999_999) {
    throw new RangeError('exampleUscc needs a 6-digit division code and a serial of 0–9,999,999');
  }
  const first17 = `91${divisionCode}MA${String(serial).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17)!;
}
