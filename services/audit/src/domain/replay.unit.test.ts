import { exampleUscc } from '@peiyu/policy';
import { registryHistory } from '../test-support/history';
import { diffStates, foldStream, ownerOf } from './replay';
import { hasPersonal, maskPersonal, usccsOfEvent } from './timeline';

const E = exampleUscc('410402', 8301);

describe("replay through the owner's fold", () => {
  it("folds a registry stream with the registry's own evolve and diffs field by field", async () => {
    const { envelopes, streamId } = await registryHistory(E);
    const owner = ownerOf(streamId)!;
    expect(owner.service).toBe('registry');
    const state = foldStream(owner, envelopes) as Record<string, unknown>;
    expect(state).toMatchObject({
      uscc: E,
      name: '平顶山市示例智能科技有限公司',
      status: 'active',
      sanctions: [{ sanctionId: 's-1', liftedOn: null }],
    });
    expect(diffStates(state, foldStream(owner, envelopes))).toEqual([]);
    const recorded = { ...state, name: '别的名字有限公司', sanctions: [] };
    expect(diffStates(recorded, state).map((d) => d.path)).toEqual(['name', 'sanctions.0']);
    expect(ownerOf('sme-evaluation-' + E + '-2026')?.service).toBe('assessment');
    expect(ownerOf('sme-batch-b1')?.service).toBe('assessment');
    expect(ownerOf('working-calendar-2027')).toBeUndefined();
  });
});

describe('personal data in views', () => {
  it('masks every contact and finds the enterprises an event is about', async () => {
    const { envelopes } = await registryHistory(E);
    const data = envelopes[0]!.data;
    expect(hasPersonal(data)).toBe(true);
    expect(maskPersonal(data)).toMatchObject({
      contact: { name: '张*', phone: '0375-***4567', email: 'z***@example.cn' },
    });
    expect(usccsOfEvent('sme-batch-b1', { items: [{ uscc: E }, { uscc: 'X' }] })).toEqual([E, 'X']);
  });
});
