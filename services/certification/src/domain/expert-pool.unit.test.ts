import { deciderSpec, fold } from '@peiyu/eventstore';
import type { ExpertPoolEvent } from './events';
import { expertPoolDecider, poolSnapshot, type ExpertPoolCommand } from './expert-pool';
import { ctxOn } from './test-support/fixtures';

const ctx = ctxOn('2022-04-01', 'admin');
const ORG = '91430602MA4L0XY71B';
const APPLICANT = '91430603MA4L0XY82C';
const profile = {
  name: '王工',
  organisation: { name: '湖南某大学', uscc: ORG },
  expertise: { kind: 'technical' as const, fields: ['new_materials' as const] },
  relations: [],
};
const enlist: ExpertPoolCommand = {
  type: 'EnlistExpert',
  provinceCode: '430000',
  expertId: 'x1',
  ...profile,
};
const enlisted: ExpertPoolEvent = {
  type: 'ExpertEnlisted',
  data: { provinceCode: '430000', expertId: 'x1', ...profile, enlistedOn: '2022-04-01' },
};
const retired: ExpertPoolEvent = {
  type: 'ExpertRetired',
  data: { provinceCode: '430000', expertId: 'x1', retiredOn: '2022-04-01', reason: '退休' },
};

describe('expert pool', () => {
  it('enlists an expert with organisation, expertise and declared relations', () => {
    deciderSpec(expertPoolDecider).given([]).when(enlist, ctx).then([enlisted]);
  });

  it('refuses a duplicate id and a command for another province', () => {
    deciderSpec(expertPoolDecider).given([enlisted]).when(enlist, ctx).thenRejects('expert_exists');
    deciderSpec(expertPoolDecider)
      .given([enlisted])
      .when({ ...enlist, expertId: 'x2', provinceCode: '410000' }, ctx)
      .thenRejects('wrong_stream');
  });

  it('updates the whole profile (declared relations deduplicated by enterprise)', () => {
    const relations = [
      { uscc: APPLICANT, nature: 'advisory' as const },
      { uscc: APPLICANT, nature: 'advisory' as const },
    ];
    deciderSpec(expertPoolDecider)
      .given([enlisted])
      .when({ ...enlist, type: 'UpdateExpert', relations }, ctx)
      .then([
        {
          type: 'ExpertUpdated',
          data: {
            provinceCode: '430000',
            expertId: 'x1',
            ...profile,
            relations: [relations[0]!],
            updatedOn: '2022-04-01',
          },
        },
      ]);
  });

  it('retires an expert; a retired or unknown expert cannot be updated or retired', () => {
    deciderSpec(expertPoolDecider)
      .given([enlisted])
      .when({ type: 'RetireExpert', provinceCode: '430000', expertId: 'x1', reason: '退休' }, ctx)
      .then([retired]);
    const gone = deciderSpec(expertPoolDecider).given([enlisted, retired]);
    gone.when({ ...enlist, type: 'UpdateExpert' }, ctx).thenRejects('expert_retired');
    gone
      .when({ type: 'RetireExpert', provinceCode: '430000', expertId: 'x1' }, ctx)
      .thenRejects('expert_retired');
    deciderSpec(expertPoolDecider)
      .given([])
      .when({ type: 'RetireExpert', provinceCode: '430000', expertId: 'x9' }, ctx)
      .thenRejects('no_expert');
  });

  it('snapshots the active experts at the stream version, as the draw reads them', () => {
    const second: ExpertPoolEvent = {
      type: 'ExpertEnlisted',
      data: {
        provinceCode: '430000',
        expertId: 'f1',
        name: '李会计',
        organisation: { name: '某会计师事务所', uscc: null },
        expertise: { kind: 'financial' },
        relations: [{ uscc: APPLICANT, nature: 'family' }],
        enlistedOn: '2022-04-02',
      },
    };
    const state = fold(expertPoolDecider, [enlisted, second, retired]);
    expect(poolSnapshot(state, 'hnte-expert-pool-430000')).toEqual({
      snapshotId: 'hnte-expert-pool-430000@3',
      experts: [
        {
          expertId: 'f1',
          organisationUscc: null,
          expertise: { kind: 'financial' },
          relations: [{ uscc: APPLICANT }],
        },
      ],
    });
  });
});
