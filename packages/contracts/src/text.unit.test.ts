import { z } from 'zod';
import { ContactSchema } from './events/registry';
import { humanText, HUMAN_TEXT_MESSAGES, invisibleByRule, visibleLength } from './text';

const name = humanText({ max: 10 });
const comment = humanText({ max: 50, multiline: true });

function refusal(schema: z.ZodType, value: string): string[] {
  const r = schema.safeParse(value);
  expect(r.success).toBe(false);
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

describe('humanText (findings 7 and 13)', () => {
  it('accepts ordinary names, trims them and normalises to NFC', () => {
    expect(name.parse('  平顶山煤业  ')).toBe('平顶山煤业');
    expect(name.parse('Cafe\u0301')).toBe('Caf\u00e9'); // e + combining acute → é
    expect(name.parse('\u{20BB7}野家')).toBe('\u{20BB7}野家'); // an astral CJK character counts as one
    expect(comment.parse('line one\nline two')).toBe('line one\nline two');
  });

  it.each([
    ['made only of zero-width characters', '\u200B\u200C\u200D\uFEFF\u2060', HUMAN_TEXT_MESSAGES.blank],
    ['blank after invisible ones', ' \u3000\u00AD\u3164 ', HUMAN_TEXT_MESSAGES.blank],
    ['with NUL', 'ab\u0000c', HUMAN_TEXT_MESSAGES.control],
    ['with a newline', 'ab\nc', HUMAN_TEXT_MESSAGES.control],
    ['with a C1 control', 'ab\u0085c', HUMAN_TEXT_MESSAGES.control],
    ['with U+202E', 'abc\u202Egpj.exe', HUMAN_TEXT_MESSAGES.bidi],
    ['with an isolate U+2067', 'a\u2067b', HUMAN_TEXT_MESSAGES.bidi],
    ['with a lone high surrogate', 'ab\uD800c', HUMAN_TEXT_MESSAGES.surrogate],
    ['with a lone low surrogate', '\uDC00', HUMAN_TEXT_MESSAGES.surrogate],
    ['too long', '一二三四五六七八九十一', 'must be at most 10 characters'],
  ])('refuses a name %s', (_what, value, message) => {
    expect(refusal(name, value)).toContain(message);
  });

  it('the multi-line variant still refuses CR, NUL and bidi overrides', () => {
    expect(refusal(comment, 'a\r\nb')).toContain(HUMAN_TEXT_MESSAGES.controlButNewline);
    expect(refusal(comment, 'a\u0000')).toContain(HUMAN_TEXT_MESSAGES.controlButNewline);
    expect(refusal(comment, 'a\u202Db')).toContain(HUMAN_TEXT_MESSAGES.bidi);
  });

  it('names the field inside an object schema and stays a string schema (nullable, optional)', () => {
    const s = z.object({
      contact: z.object({ name: humanText({ max: 50 }) }),
      industry: humanText({ max: 5 }).nullable(),
    });
    const r = s.safeParse({ contact: { name: '\u200B' }, industry: null });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({
      path: ['contact', 'name'],
      message: HUMAN_TEXT_MESSAGES.blank,
    });
    expect(s.parse({ contact: { name: ' 张三 ' }, industry: '制造' })).toEqual({
      contact: { name: '张三' },
      industry: '制造',
    });
  });
});

describe('finding 13 — the event contracts use it', () => {
  it('a contact name of zero-width characters, NUL, a newline or U+202E is refused', () => {
    const contact = { phone: '0375 1234567', email: 'a@b.cn' };
    for (const bad of ['\u200B\u200B', 'a\u0000', 'a\nb', '\u202Eab'])
      expect(ContactSchema.safeParse({ ...contact, name: bad }).success).toBe(false);
    expect(ContactSchema.parse({ ...contact, name: ' 张三 ' }).name).toBe('张三');
  });
});

describe('visibleLength', () => {
  it('answers the fast ranges (ASCII, CJK Unified Ideographs) exactly as the full rule does', () => {
    const fast = [
      [0, 0x7f],
      [0x4e00, 0x9fff],
    ];
    for (const [lo, hi] of fast)
      for (let cp = lo!; cp <= hi!; cp++)
        expect([cp, visibleLength(String.fromCodePoint(cp))]).toEqual([cp, invisibleByRule(cp) ? 0 : 1]);
    expect(visibleLength(' 培育 a\u00AD\u3000')).toBe(3);
  });
});
