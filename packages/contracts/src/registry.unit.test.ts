import { z } from 'zod';
import { defineEvent } from './event-definition';
import { EventRegistry } from './registry';
import {
  ContractError,
  EventValidationError,
  UnknownEventTypeError,
  UnknownEventVersionError,
} from './errors';

const RenamedV1 = defineEvent({
  type: 'EnterpriseRenamed',
  version: 1,
  schema: z.object({ name: z.string() }).strict(),
});
const RenamedV2 = defineEvent({
  type: 'EnterpriseRenamed',
  version: 2,
  schema: z.object({ newName: z.string(), effectiveOn: z.iso.date() }).strict(),
});
const RenamedV3 = defineEvent({
  type: 'EnterpriseRenamed',
  version: 3,
  schema: z
    .object({ newName: z.string(), effectiveOn: z.iso.date(), previousName: z.string().nullable() })
    .strict(),
});

function registry(): EventRegistry {
  return new EventRegistry()
    .register(RenamedV1, RenamedV2, RenamedV3)
    .registerUpcaster({
      type: 'EnterpriseRenamed',
      fromVersion: 1,
      toVersion: 2,
      // v1 had no effective date; the registry's rule was "effective on the day recorded": unknown → epoch marker
      upcast: (d) => ({ newName: (d as { name: string }).name, effectiveOn: '1970-01-01' }),
    })
    .registerUpcaster({
      type: 'EnterpriseRenamed',
      fromVersion: 2,
      toVersion: 3,
      upcast: (d) => ({ ...(d as object), previousName: null }),
    });
}

describe('EventRegistry', () => {
  it('decodes the latest version as is', () => {
    const data = { newName: 'A', effectiveOn: '2025-01-02', previousName: 'B' };
    expect(registry().decode({ type: 'EnterpriseRenamed', schemaVersion: 3, data })).toEqual({
      type: 'EnterpriseRenamed',
      schemaVersion: 3,
      data,
    });
  });

  it('upcasts through every step from an old version', () => {
    expect(
      registry().decode({ type: 'EnterpriseRenamed', schemaVersion: 1, data: { name: '平顶山某公司' } }),
    ).toEqual({
      type: 'EnterpriseRenamed',
      schemaVersion: 3,
      data: { newName: '平顶山某公司', effectiveOn: '1970-01-01', previousName: null },
    });
  });

  it.each([
    [
      'unknown type',
      { type: 'NoSuchThing', schemaVersion: 1, data: {} },
      UnknownEventTypeError,
      /unknown event type "NoSuchThing"/,
    ],
    [
      'unknown version',
      { type: 'EnterpriseRenamed', schemaVersion: 9, data: {} },
      UnknownEventVersionError,
      /v9 .*known: 1, 2, 3/,
    ],
    [
      'invalid data',
      { type: 'EnterpriseRenamed', schemaVersion: 2, data: { newName: 1 } },
      EventValidationError,
      /newName/,
    ],
    [
      'extra field',
      { type: 'EnterpriseRenamed', schemaVersion: 1, data: { name: 'x', extra: 1 } },
      EventValidationError,
      /invalid EnterpriseRenamed v1/,
    ],
    ['not an event', { type: undefined, schemaVersion: 'x', data: null }, ContractError, /not an event/],
  ])('rejects %s with a clear ContractError', (_label, raw, ErrorClass, message) => {
    const decode = () => registry().decode(raw as never);
    expect(decode).toThrow(ErrorClass);
    expect(decode).toThrow(message);
  });

  it('reports a missing upcaster step rather than guessing', () => {
    const r = new EventRegistry().register(RenamedV1, RenamedV2);
    expect(() => r.decode({ type: 'EnterpriseRenamed', schemaVersion: 1, data: { name: 'x' } })).toThrow(
      /no upcaster for EnterpriseRenamed from v1/,
    );
  });

  it('wraps a throwing upcaster as a ContractError', () => {
    const r = new EventRegistry().register(RenamedV1, RenamedV2).registerUpcaster({
      type: 'EnterpriseRenamed',
      fromVersion: 1,
      toVersion: 2,
      upcast: () => {
        throw new Error('boom');
      },
    });
    expect(() => r.decode({ type: 'EnterpriseRenamed', schemaVersion: 1, data: { name: 'x' } })).toThrow(
      ContractError,
    );
  });

  it('refuses duplicate registrations and upcasters to unknown or older versions', () => {
    expect(() => new EventRegistry().register(RenamedV1, RenamedV1)).toThrow(/twice/);
    expect(() =>
      new EventRegistry()
        .register(RenamedV1)
        .registerUpcaster({ type: 'EnterpriseRenamed', fromVersion: 1, toVersion: 2, upcast: (d) => d }),
    ).toThrow(/must be registered/);
    expect(() =>
      new EventRegistry()
        .register(RenamedV1, RenamedV2)
        .registerUpcaster({ type: 'EnterpriseRenamed', fromVersion: 2, toVersion: 1, upcast: (d) => d }),
    ).toThrow(/newer/);
  });

  it('validates append-time data against its own version', () => {
    expect(registry().validate({ type: 'EnterpriseRenamed', schemaVersion: 1, data: { name: 'x' } })).toEqual(
      { name: 'x' },
    );
    expect(registry().latestVersion('EnterpriseRenamed')).toBe(3);
  });
});
