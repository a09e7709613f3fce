/** A text a clerk reads, in both languages the API answers in (problem `detail` follows Accept-Language). */
export interface LocalisedText {
  en: string;
  zh: string;
}

/**
 * How a refusal is answered: `invalid` 400 (input the rules reject), `conflict` 409 (the current state does
 * not allow it), `not_found` 404 (missing, or private to someone else), `forbidden` 403 (outside a scope).
 */
export type DomainErrorKind = 'invalid' | 'conflict' | 'not_found' | 'forbidden';

/**
 * The one error a decider (or any pure rule) throws to refuse. `code` is stable: clients branch on it, so it
 * never changes once published; `text` is for people; `field` names the input the rule looked at.
 */
export class DomainError extends Error {
  readonly text: LocalisedText;

  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    text: LocalisedText,
    readonly field?: string,
  ) {
    super(text.en);
    this.name = 'DomainError';
    this.text = text;
  }
}

/**
 * A service's refusal factory over its catalog of Chinese texts, one per code: a code without a Chinese text
 * does not compile. The English text names the specifics (ids, dates); the Chinese one states the rule.
 *   const refuse = refusals({ date_in_future: '日期不能晚于今天' });
 *   throw refuse('invalid', 'date_in_future', `foundedOn ${d} is after today`, 'foundedOn');
 */
export function refusals<Code extends string>(zh: Readonly<Record<Code, string>>) {
  return (kind: DomainErrorKind, code: Code, en: string, field?: string): DomainError =>
    new DomainError(kind, code, { en, zh: zh[code] }, field);
}
