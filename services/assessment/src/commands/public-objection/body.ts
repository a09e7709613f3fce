import { humanText, UsccSchema } from '@peiyu/contracts';
import { z } from 'zod';
import { Reason } from '../schemas';

/** A mainland mobile (13800138000, +86 …), a landline with its area code (0375-1234567), or an e-mail. */
const CONTACT = /^(?:(?:\+?86[- ]?)?1\d{10}|0\d{2,3}-?\d{7,8}|[^\s@]{1,64}@[^\s@]{1,190}\.[A-Za-z]{2,24})$/;

/** The public objection form: a real name and a contact are required (tech-sme.md workflow 4). */
export const PublicObjectionBody = z.strictObject({
  uscc: UsccSchema.describe('the USCC of the enterprise under notice the objection concerns (as listed)'),
  name: humanText({ max: 50 }).describe('the objector’s real name (实名); stored, shown masked'),
  contact: z
    .string()
    .trim()
    .regex(CONTACT, 'a mobile number, a landline with its area code, or an e-mail address')
    .describe(
      'a phone number or e-mail address the province can reach the objector at; stored, shown masked',
    ),
  summary: Reason.describe('what is objected to, and why (异议内容及理由)'),
});
