import {
  ContactSchema,
  DivisionCodeSchema,
  HnteFieldSchema,
  SanctionKindSchema,
  UsccSchema,
} from '@peiyu/contracts';
import { z } from 'zod';

/** Shared request pieces of the registry API (each slice composes its own body from these). */
export const UsccParams = z.strictObject({ uscc: UsccSchema });
export const IsoDate = z.iso.date();
export const EnterpriseName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'at most 100 characters');
export const Industry = z.string().trim().min(1).max(100);
export { ContactSchema, DivisionCodeSchema, HnteFieldSchema, SanctionKindSchema };
