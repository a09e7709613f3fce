import { z } from 'zod';

/**
 * Human text: the one rule for every free-text field of the API and of events (issue 12, findings 7 and 13:
 * names made only of zero-width characters, or holding NUL, newlines or U+202E, were accepted; a lone surrogate
 * crashed canonicalisation). The value is trimmed and NFC-normalised, then refused when it holds
 * - a lone UTF-16 surrogate (no UTF-8 form: it cannot be stored or hashed);
 * - a control character (C0, DEL, C1 — so NUL, CR, tab; LF only in the `multiline` variant);
 * - a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069: they make text display other than it reads);
 * - nothing visible once whitespace and invisible characters (zero-width, word joiner, BOM, soft hyphen,
 *   variation selectors, Hangul fillers) are removed;
 * - more than `max` (or fewer than `min`) characters, counted in code points (培育 is 2).
 * Refusals are ordinary zod issues, so the HTTP layer answers 400 naming the field.
 */
export interface HumanTextOptions {
  /** Maximum length in code points (required: every text field has one). */
  max: number;
  /** Minimum visible length in code points (default 1). */
  min?: number;
  /** Allow line feeds (U+000A) for comments and reasons; CR and every other control stay refused. */
  multiline?: boolean;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** C0, DEL and C1 controls (LF allowed when `allowLf`). */
function hasControl(s: string, allowLf: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c <= 0x1f && !(allowLf && c === 0x0a)) || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

// Code points that show nothing: soft hyphen, combining grapheme joiner, Hangul fillers, Mongolian vowel
// separator, zero-width space/joiners and direction marks, word joiner and invisible operators, variation
// selectors, BOM, tag characters.
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x115f, 0x1160],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x2060, 0x2064],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xe0000, 0xe01ef],
];

function invisible(cp: number): boolean {
  // Fast answers for the characters nearly all text is made of (every event's text fields are checked on each
  // read, issue 19): ASCII — whitespace is tab to CR and space — and the CJK Unified Ideographs, all visible.
  // Any other code point takes the full rule below (`invisibleByRule`; a unit test holds the two equal for
  // every code point).
  if (cp < 0x80) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d);
  if (cp >= 0x4e00 && cp <= 0x9fff) return false;
  return invisibleByRule(cp);
}

/** The rule itself: JavaScript's whitespace (`\s`) or one of the invisible ranges. */
export function invisibleByRule(cp: number): boolean {
  return /\s/.test(String.fromCodePoint(cp)) || INVISIBLE_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi);
}

export const HUMAN_TEXT_MESSAGES = {
  surrogate: 'must not contain a lone UTF-16 surrogate',
  control: 'must not contain control characters',
  controlButNewline: 'must not contain control characters other than line feeds',
  bidi: 'must not contain bidirectional override or isolate characters',
  blank: 'must contain visible characters',
} as const;

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Characters left once whitespace and invisible ones are removed. */
export function visibleLength(s: string): number {
  let n = 0;
  for (const ch of s) if (!invisible(ch.codePointAt(0)!)) n++;
  return n;
}

/** The shared text refinement: `name: humanText({ max: 100 })`, `comment: humanText({ max: 1000, multiline: true })`. */
export function humanText(options: HumanTextOptions) {
  const min = options.min ?? 1;
  // Lone surrogates first: NFC normalisation leaves them in place, and every later rule assumes well-formed text.
  return z
    .string()
    .refine((s) => !LONE_SURROGATE.test(s), { message: HUMAN_TEXT_MESSAGES.surrogate, abort: true })
    .trim()
    .normalize('NFC')
    .refine((s) => !hasControl(s, options.multiline === true), {
      message: options.multiline ? HUMAN_TEXT_MESSAGES.controlButNewline : HUMAN_TEXT_MESSAGES.control,
    })
    .refine((s) => !BIDI_CONTROL.test(s), { message: HUMAN_TEXT_MESSAGES.bidi })
    .refine((s) => visibleLength(s) >= min, {
      message: min === 1 ? HUMAN_TEXT_MESSAGES.blank : `must contain at least ${min} visible characters`,
    })
    .refine((s) => codePoints(s) <= options.max, { message: `must be at most ${options.max} characters` });
}
