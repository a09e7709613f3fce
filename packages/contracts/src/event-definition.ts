import type { z } from 'zod';

/** One version of one event type, defined once: name + schema version + zod data schema. */
export interface EventDefinition<TType extends string = string, TSchema extends z.ZodType = z.ZodType> {
  readonly type: TType;
  readonly version: number;
  readonly schema: TSchema;
  parse(data: unknown): z.infer<TSchema>;
}

export type EventData<D> = D extends EventDefinition<string, infer S> ? z.infer<S> : never;

export function defineEvent<TType extends string, TSchema extends z.ZodType>(def: {
  type: TType;
  version: number;
  schema: TSchema;
}): EventDefinition<TType, TSchema> {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(def.type)) throw new Error(`event type must be PascalCase: ${def.type}`);
  if (!Number.isInteger(def.version) || def.version < 1) {
    throw new Error(`event ${def.type}: version must be a positive integer`);
  }
  return Object.freeze({
    type: def.type,
    version: def.version,
    schema: def.schema,
    parse: (data: unknown) => def.schema.parse(data) as z.infer<TSchema>,
  });
}
