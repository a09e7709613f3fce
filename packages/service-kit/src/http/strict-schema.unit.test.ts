import { z } from 'zod';
import { silentlyStrippingObjects, strictRequestSchema } from './strict-schema';
import { validated } from './validate';

describe('silently stripping objects', () => {
  it.each([
    ['a plain z.object', z.object({ a: z.string() }), ['/']],
    ['strict and loose objects (explicit choices)', z.strictObject({ a: z.looseObject({}) }), []],
    ['a nested z.object', z.strictObject({ address: z.object({ county: z.string() }) }), ['/address']],
    [
      'inside arrays, optionals and defaults',
      z.strictObject({ items: z.array(z.object({})).optional() }),
      ['/items/*'],
    ],
    [
      'inside records and tuples',
      z.strictObject({ r: z.record(z.string(), z.object({})), t: z.tuple([z.object({})]) }),
      ['/r/*', '/t/0'],
    ],
    ['in union options', z.union([z.strictObject({ a: z.string() }), z.object({ b: z.string() })]), ['/']],
    ['on the input side of a transform', z.object({ a: z.string() }).transform((v) => v.a), ['/']],
    ['in both halves of an intersection', z.intersection(z.object({}), z.strictObject({})), ['/']],
    ['nothing in scalars', z.string().min(1), []],
  ] as const)('finds %s', (_name, schema, expected) => {
    expect(silentlyStrippingObjects(schema)).toEqual(expected);
  });
});

describe('strictRequestSchema', () => {
  it('makes a top-level z.object strict', () => {
    const strict = strictRequestSchema('body', z.object({ a: z.string() }));
    expect(strict.safeParse({ a: 'x', b: 1 }).success).toBe(false);
    expect(strict.safeParse({ a: 'x' }).success).toBe(true);
  });

  it('keeps an explicitly loose top level loose', () => {
    expect(strictRequestSchema('query', z.looseObject({})).safeParse({ any: 'thing' }).success).toBe(true);
  });

  it('refuses, when the route is defined, a schema with a nested z.object', () => {
    expect(() =>
      validated({ body: z.object({ address: z.object({ county: z.string() }) }) }, () => undefined),
    ).toThrow(/body schema drops unknown fields silently at \/address/);
  });
});
