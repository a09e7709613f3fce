import {
  ContactSchema,
  humanText,
  DivisionCodeSchema,
  HnteFieldSchema,
  SanctionKindSchema,
  UsccSchema,
} from '@peiyu/contracts';
import { z } from 'zod';

/** Shared request pieces of the registry API (each slice composes its own body from these). */
export const UsccParams = z.strictObject({ uscc: UsccSchema });
export const IsoDate = z.iso.date();
// Every text field is human text (contracts' one refinement, issue 12 findings 7 and 13): NFC, no control,
// bidi-override or lone-surrogate characters, not blank once invisible characters are removed, a length limit.
export const EnterpriseName = humanText({ max: 100 });
export const Industry = humanText({ max: 100 });
/** Reasons (注销原因, 解除理由): several lines allowed. */
export const Reason = humanText({ max: 500, multiline: true });
/** Ids the service minted (UUIDs): ASCII only, so a path never carries odd text into a stream. */
export const MintedId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id (letters, digits, - and _)');
export { ContactSchema, DivisionCodeSchema, HnteFieldSchema, SanctionKindSchema };
