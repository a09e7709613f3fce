import { deciderSpec } from '@peiyu/eventstore';
import { decide, registryDecider, type DecideContext, type RegistryCommand } from './decide';
import { initialState, type RegistryEvent } from './state';

const ctx: DecideContext = {
  today: '2026-03-02',
  region: (code) =>
    ({
      '410402': { code, level: 'county' as const, name: '新华区' },
      '411721': { code, level: 'county' as const, name: '西平县' },
      '410400': { code, level: 'city' as const, name: '平顶山市' },
    })[code] ?? null,
  isValidUscc: (code) => code !== '91410402MA9G5K2X8Z',
};
const USCC = '91410402MA9G5K2X8R';
const registration: RegistryCommand = {
  type: 'RegisterEnterprise',
  uscc: USCC,
  name: '平顶山市示例科技有限公司',
  countyCode: '410402',
  foundedOn: '2019-05-20',
  contact: { name: '张三', phone: '0375-1234567', email: 'a@example.cn' },
};

const { given } = deciderSpec(registryDecider, { ctx });
const registered: RegistryEvent[] = decide(registration, initialState, ctx);

describe('registry decider', () => {
  it('registers a new enterprise with defaults for the optional fields', () => {
    expect(registered).toEqual([
      {
        type: 'EnterpriseRegistered',
        data: {
          uscc: USCC,
          name: '平顶山市示例科技有限公司',
          divisionCode: '410402',
          foundedOn: '2019-05-20',
          industry: null,
          hnteField: null,
          contact: { name: '张三', phone: '0375-1234567', email: 'a@example.cn' },
        },
      },
    ]);
  });

  it.each<[string, Partial<RegistryCommand>, string]>([
    ['a bad check character', { uscc: '91410402MA9G5K2X8Z' }, 'invalid:invalid_uscc'],
    ['an unknown division', { countyCode: '999999' }, 'invalid:unknown_division'],
    ['a city-level division', { countyCode: '410400' }, 'invalid:not_county_level'],
    ['a founding date tomorrow', { foundedOn: '2026-03-03' }, 'invalid:date_in_future'],
  ])('refuses registration with %s', (_l, patch, error) => {
    expect(given([]).when({ ...registration, ...patch } as RegistryCommand)).toEqual({ error });
  });

  it('accepts a founding date of today', () => {
    expect(given([]).when({ ...registration, foundedOn: '2026-03-02' }).events).toHaveLength(1);
  });

  it('refuses a second registration of the same USCC', () => {
    expect(given(registered).when(registration)).toEqual({ error: 'conflict:already_registered' });
  });

  it('records only what changed in a profile update, nothing when nothing changed', () => {
    expect(given(registered).when({ type: 'UpdateEnterpriseProfile', industry: '新材料' }).events).toEqual([
      { type: 'EnterpriseProfileUpdated', data: { uscc: USCC, industry: '新材料' } },
    ]);
    expect(
      given(registered).when({ type: 'UpdateEnterpriseProfile', contact: registration.contact as never })
        .events,
    ).toEqual([]);
  });

  it('renames with the previous name kept, and refuses the same name or a future date', () => {
    const renamed = given(registered).when({
      type: 'RenameEnterprise',
      newName: '新名',
      effectiveOn: '2026-03-01',
    }).events!;
    expect(renamed[0]).toEqual({
      type: 'EnterpriseRenamed',
      data: { uscc: USCC, previousName: registration.name, newName: '新名', effectiveOn: '2026-03-01' },
    });
    const { state } = given([...registered, ...renamed]);
    expect(state?.formerNames).toEqual([{ name: registration.name, until: '2026-03-01' }]);
    expect(
      given(registered).when({
        type: 'RenameEnterprise',
        newName: registration.name as string,
        effectiveOn: '2026-03-01',
      }),
    ).toEqual({
      error: 'conflict:same_name',
    });
    expect(
      given(registered).when({ type: 'RenameEnterprise', newName: 'x', effectiveOn: '2026-03-03' }),
    ).toEqual({
      error: 'invalid:date_in_future',
    });
    expect(
      given(registered).when({ type: 'RenameEnterprise', newName: 'x', effectiveOn: '2019-05-19' }),
    ).toEqual({
      error: 'invalid:before_founding',
    });
  });

  it('relocates to another county and refuses the same or a non-county division', () => {
    expect(
      given(registered).when({
        type: 'RelocateEnterprise',
        countyCode: '411721',
        effectiveOn: '2026-03-02',
      }).events,
    ).toEqual([
      {
        type: 'EnterpriseRelocated',
        data: { uscc: USCC, fromDivisionCode: '410402', toDivisionCode: '411721', effectiveOn: '2026-03-02' },
      },
    ]);
    expect(
      given(registered).when({
        type: 'RelocateEnterprise',
        countyCode: '410402',
        effectiveOn: '2026-03-02',
      }),
    ).toEqual({
      error: 'conflict:same_division',
    });
    expect(
      given(registered).when({
        type: 'RelocateEnterprise',
        countyCode: '410400',
        effectiveOn: '2026-03-02',
      }),
    ).toEqual({
      error: 'invalid:not_county_level',
    });
  });

  describe("a relocation outside the actor's scope is a transfer request (issue 12, finding 3)", () => {
    const outside: DecideContext = { ...ctx, actorMayPlaceIn: (code) => code === '410402' };
    const relocate: RegistryCommand = {
      type: 'RelocateEnterprise',
      countyCode: '411721',
      effectiveOn: '2026-03-01',
    };
    const move = { uscc: USCC, fromDivisionCode: '410402', toDivisionCode: '411721' };
    const requested: RegistryEvent = {
      type: 'EnterpriseTransferRequested',
      data: { ...move, effectiveOn: '2026-03-01', requestedOn: '2026-03-02' },
    };
    const pending = [...registered, requested];

    it('given a registered enterprise, when it is relocated outside scope, then only the request is recorded', () => {
      given(registered).when(relocate, outside).then([requested]);
      expect(given(pending).state).toMatchObject({
        divisionCode: '410402',
        pendingTransfer: { toDivisionCode: '411721', effectiveOn: '2026-03-01', requestedOn: '2026-03-02' },
      });
    });

    it('given a pending transfer, when the destination accepts, then accepted and relocated, nothing pending', () => {
      const out = given(pending).when({ type: 'AcceptTransfer' });
      out.then([
        { type: 'EnterpriseTransferAccepted', data: { ...move, acceptedOn: '2026-03-02' } },
        { type: 'EnterpriseRelocated', data: { ...move, effectiveOn: '2026-03-01' } },
      ]);
      expect(given([...pending, ...out.events!]).state).toMatchObject({
        divisionCode: '411721',
        pendingTransfer: null,
      });
    });

    it('given a pending transfer, when the destination refuses, then refused and the enterprise stays', () => {
      const out = given(pending).when({ type: 'RefuseTransfer', reason: '不在本县经营' });
      out.then([
        {
          type: 'EnterpriseTransferRefused',
          data: { ...move, refusedOn: '2026-03-02', reason: '不在本县经营' },
        },
      ]);
      expect(given([...pending, ...out.events!]).state).toMatchObject({
        divisionCode: '410402',
        pendingTransfer: null,
      });
    });

    it('given a pending transfer, a second relocation is refused until it is answered', () => {
      expect(given(pending).when(relocate, outside)).toEqual({ error: 'conflict:transfer_pending' });
      expect(given(pending).when({ ...relocate, countyCode: '410402' } as RegistryCommand, outside)).toEqual({
        error: 'conflict:same_division',
      });
    });

    it('given no pending transfer, accepting or refusing is refused', () => {
      expect(given(registered).when({ type: 'AcceptTransfer' })).toEqual({
        error: 'conflict:no_pending_transfer',
      });
      expect(given(registered).when({ type: 'RefuseTransfer', reason: 'x' })).toEqual({
        error: 'conflict:no_pending_transfer',
      });
    });

    it('a relocation within scope still moves at once', () => {
      expect(given(registered).when(relocate, { ...ctx, actorMayPlaceIn: () => true }).events).toEqual([
        { type: 'EnterpriseRelocated', data: { ...move, effectiveOn: '2026-03-01' } },
      ]);
    });
  });

  it('records and lifts a sanction once', () => {
    const rec = given(registered).when({
      type: 'RecordSanction',
      sanctionId: 's-1',
      kind: 'serious_dishonesty_list',
      occurredOn: '2026-01-10',
      reference: '豫信用〔2026〕1号',
    }).events!;
    expect(
      given([...registered, ...rec]).when({
        type: 'RecordSanction',
        sanctionId: 's-1',
        kind: 'major_safety_accident',
        occurredOn: '2026-01-10',
        reference: 'x',
      }),
    ).toEqual({
      error: 'conflict:duplicate_sanction',
    });
    const lifted = given([...registered, ...rec]).when({
      type: 'LiftSanction',
      sanctionId: 's-1',
      reason: '信用修复',
    }).events!;
    expect(lifted).toEqual([
      {
        type: 'SanctionLifted',
        data: { uscc: USCC, sanctionId: 's-1', liftedOn: '2026-03-02', reason: '信用修复' },
      },
    ]);
    const after = [...registered, ...rec, ...lifted];
    expect(given(after).state?.sanctions[0]?.liftedOn).toBe('2026-03-02');
    expect(given(after).when({ type: 'LiftSanction', sanctionId: 's-1', reason: 'again' })).toEqual({
      error: 'conflict:already_lifted',
    });
    expect(given(after).when({ type: 'LiftSanction', sanctionId: 's-2', reason: 'x' })).toEqual({
      error: 'not_found:no_such_sanction',
    });
  });

  it('makes a deregistered record read-only and an unknown one not found', () => {
    const dereg = given(registered).when({
      type: 'DeregisterEnterprise',
      effectiveOn: '2026-03-01',
      reason: '注销',
    }).events!;
    expect(
      given([...registered, ...dereg]).when({
        type: 'RenameEnterprise',
        newName: 'x',
        effectiveOn: '2026-03-01',
      }),
    ).toEqual({
      error: 'conflict:deregistered',
    });
    expect(given([]).when({ type: 'RenameEnterprise', newName: 'x', effectiveOn: '2026-03-01' })).toEqual({
      error: 'not_found:not_registered',
    });
  });
});

describe('registry refusals name the field they looked at', () => {
  it('already registered → uscc; same name → newName; not a county → countyCode', () => {
    given(registered).when(registration).thenRejects({ code: 'already_registered', field: 'uscc' });
    given(registered)
      .when({ type: 'RenameEnterprise', newName: registration.name, effectiveOn: '2026-03-01' })
      .thenRejects({ code: 'same_name', kind: 'conflict', field: 'newName' });
    given(registered)
      .when({ type: 'RelocateEnterprise', countyCode: '410400', effectiveOn: '2026-03-01' })
      .thenRejects({ code: 'not_county_level', kind: 'invalid', field: 'countyCode' });
  });
});
