import { z } from 'zod';

/** The parts of a zod 4 schema definition the walk below reads. */
interface Def {
  type: string;
  catchall?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: readonly z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  valueType?: z.ZodType;
  items?: readonly z.ZodType[];
  rest?: z.ZodType | null;
  in?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

/**
 * JSON Pointers of the objects inside `schema` that would silently drop unknown fields — zod's default
 * `z.object`. Explicit choices (`z.strictObject`, `z.looseObject`) are respected. Lazy schemas are not entered.
 */
export function silentlyStrippingObjects(schema: z.ZodType, pointer = ''): string[] {
  const def = defOf(schema);
  const inner = (child: z.ZodType | null | undefined, at = pointer): string[] =>
    child ? silentlyStrippingObjects(child, at) : [];
  switch (def.type) {
    case 'object': {
      const own = def.catchall === undefined ? [pointer || '/'] : [];
      const fields = Object.entries(def.shape ?? {}).flatMap(([key, child]) =>
        inner(child, `${pointer}/${key}`),
      );
      return [...own, ...fields];
    }
    case 'array':
      return inner(def.element, `${pointer}/*`);
    case 'record':
      return inner(def.valueType, `${pointer}/*`);
    case 'tuple':
      return [...(def.items ?? []).flatMap((item, i) => inner(item, `${pointer}/${i}`)), ...inner(def.rest)];
    case 'union':
      return (def.options ?? []).flatMap((option) => inner(option));
    case 'intersection':
      return [...inner(def.left), ...inner(def.right)];
    case 'pipe':
      return inner(def.in); // what the client sends is the pipe's input
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return inner(def.innerType);
    default:
      return [];
  }
}

/** A top-level `z.object` is made strict for the author; nested ones must be declared strict (see above). */
export function strictTop(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodObject && defOf(schema).catchall === undefined ? schema.strict() : schema;
}

/**
 * Prepares a request-part schema, refusing (at route definition, so a test or start-up fails at once) one
 * that would let unknown fields through without an error.
 */
export function strictRequestSchema(part: string, schema: z.ZodType): z.ZodType {
  const strict = strictTop(schema);
  const loose = silentlyStrippingObjects(strict);
  if (loose.length > 0) {
    throw new TypeError(
      `${part} schema drops unknown fields silently at ${loose.join(', ')}: ` +
        'declare nested objects with z.strictObject (or z.looseObject where extra fields are wanted)',
    );
  }
  return strict;
}
