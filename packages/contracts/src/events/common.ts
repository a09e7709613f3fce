import { z } from 'zod';

/** 统一社会信用代码 (GB 32100-2015): 18 characters; the check character is verified by @peiyu/policy. */
export const UsccSchema = z
  .string()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, 'must be an 18-character USCC');
/** A calendar date (Asia/Shanghai), ISO 8601 `YYYY-MM-DD`. */
export const IsoDate = z.iso.date().describe('ISO date YYYY-MM-DD (a calendar day in China, UTC+8)');
/** Money: integer fen (分), never floating yuan. */
export const FenSchema = z
  .number()
  .int()
  .nonnegative()
  .max(Number.MAX_SAFE_INTEGER)
  .describe('money in integer fen (分): 100 fen = 1 yuan; 1,000,000 yuan = 100000000');
/** The eight fields of 《国家重点支持的高新技术领域》 (hnte.md condition 3). */
export const HNTE_FIELDS = [
  'electronic_information',
  'biology_new_medicine',
  'aerospace',
  'new_materials',
  'high_tech_services',
  'new_energy_energy_saving',
  'resources_environment',
  'advanced_manufacturing_automation',
] as const;
export const HnteFieldSchema = z.enum(HNTE_FIELDS);
export type HnteField = z.infer<typeof HnteFieldSchema>;
