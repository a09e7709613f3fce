/**
 * Registration numbers (入库登记编号). tech-sme.md calls the number opaque text issued by this system in a
 * per-province format, and gives no national layout, so the format is a template parameter:
 *   {year}          campaign year, 4 digits
 *   {province}      2-digit province prefix of the GB/T 2260 code
 *   {provinceCode}  6-digit province code (PP0000)
 *   {county}        6-digit county code of the enterprise
 *   {seq:N}         the sequence number, zero-padded to N digits (required, exactly once)
 * Uniqueness comes from the sequence, which the shell reserves per province and year from an atomic counter;
 * numbering itself is a pure function of that reservation.
 */
export const DEFAULT_REGISTRATION_NUMBER_FORMAT = '{year}{province}{seq:6}';

const TOKEN = /\{([a-zA-Z]+)(?::(\d+))?\}/g;
const FIELDS = new Set(['year', 'province', 'provinceCode', 'county', 'seq']);

/** A block of sequence numbers reserved atomically for one province and campaign year. */
export interface SequenceBlock {
  provinceCode: string;
  year: number;
  /** First reserved number (≥ 1); the block is first .. first + count - 1. */
  first: number;
  count: number;
}

export function provinceOf(divisionCode: string): string {
  return `${divisionCode.slice(0, 2)}0000`;
}

/** Throws when the template is unusable: an unknown field, or not exactly one {seq:N}. */
export function checkRegistrationNumberFormat(template: string): void {
  const tokens = [...template.matchAll(TOKEN)];
  for (const [whole, name] of tokens) {
    if (!FIELDS.has(name ?? '')) throw new RangeError(`unknown field ${whole} in registration number format`);
  }
  const seqs = tokens.filter(
    ([, name, width]) => name === 'seq' && width !== undefined && Number(width) >= 1,
  );
  if (seqs.length !== 1 || tokens.filter(([, n]) => n === 'seq').length !== 1) {
    throw new RangeError(`registration number format needs exactly one {seq:N}: ${template}`);
  }
}

export function formatRegistrationNumber(
  template: string,
  fields: { year: number; countyCode: string; seq: number },
): string {
  checkRegistrationNumberFormat(template);
  return template.replace(TOKEN, (_whole, name: string, width?: string) => {
    switch (name) {
      case 'year':
        return String(fields.year);
      case 'province':
        return fields.countyCode.slice(0, 2);
      case 'provinceCode':
        return provinceOf(fields.countyCode);
      case 'county':
        return fields.countyCode;
      default: {
        const digits = String(fields.seq);
        // A wider number would break the fixed layout and could collide with another field's digits.
        if (digits.length > Number(width)) {
          throw new RangeError(`sequence ${fields.seq} does not fit in ${width} digits`);
        }
        return digits.padStart(Number(width), '0');
      }
    }
  });
}
