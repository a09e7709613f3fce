import { z } from 'zod';

/** Environment of the assessment process (validated at start-up; a bad variable stops it, named). */
export const AssessmentConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4002),
  HOST: z.string().min(1).default('127.0.0.1'),
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL'),
  MONGO_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/)
    .default('peiyu-assessment'),
  KAFKA_BROKERS: z.string().regex(/^[^,\s]+(,[^,\s]+)*$/, 'must be host:port[,host:port…]'),
  KAFKA_CLIENT_ID: z.string().default('peiyu-assessment'),
  /**
   * Per-province registration-number templates as JSON, e.g. {"410000":"{year}{province}{seq:6}"}; provinces
   * not listed use the default (tech-sme.md gives no national layout).
   */
  REGISTRATION_NUMBER_FORMATS: z.string().default('{}'),
});
export type AssessmentConfig = z.infer<typeof AssessmentConfigSchema>;
