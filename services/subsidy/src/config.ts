import { z } from 'zod';

/** Environment of the subsidy process (validated at start-up; a bad variable stops it, named). */
export const SubsidyConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4004),
  HOST: z.string().min(1).default('127.0.0.1'),
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL'),
  MONGO_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/)
    .default('peiyu-subsidy'),
  KAFKA_BROKERS: z.string().regex(/^[^,\s]+(,[^,\s]+)*$/, 'must be host:port[,host:port…]'),
  KAFKA_CLIENT_ID: z.string().default('peiyu-subsidy'),
});
export type SubsidyConfig = z.infer<typeof SubsidyConfigSchema>;
