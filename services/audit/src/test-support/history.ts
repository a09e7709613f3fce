import { allEvents, enterpriseStreamId, type EventEnvelope } from '@peiyu/contracts';
import { ManualClock, MemoryEventStore, toEnvelope, type RecordedEvent } from '@peiyu/eventstore';

export const contact = { name: '张三', phone: '0375-1234567', email: 'zhang.san@example.cn' };
const meta = (id: string) => ({
  actor: { role: 'county_reviewer' as const, id: 'u-1', region: '410402' },
  correlationId: `c-${id}`,
  causationId: null,
});

/**
 * A registry history written by the real event store (so its hashes are the owner's): registered, renamed,
 * sanction recorded. Returns the stored records and the envelopes as the relay publishes them.
 */
export async function registryHistory(uscc: string, county = '410402', at = '2026-03-02T01:00:00Z') {
  const clock = new ManualClock(at);
  const store = new MemoryEventStore({ clock, codec: allEvents() });
  const id = enterpriseStreamId(uscc);
  await store.append(
    id,
    0,
    [
      {
        type: 'EnterpriseRegistered',
        data: {
          uscc,
          name: '平顶山市示例科技有限公司',
          divisionCode: county,
          foundedOn: '2019-05-20',
          industry: null,
          hnteField: null,
          contact,
        },
      },
    ],
    meta('1'),
  );
  clock.advance(86_400_000);
  await store.append(
    id,
    1,
    [
      {
        type: 'EnterpriseRenamed',
        data: {
          uscc,
          previousName: '平顶山市示例科技有限公司',
          newName: '平顶山市示例智能科技有限公司',
          effectiveOn: '2026-03-03',
        },
      },
    ],
    meta('2'),
  );
  await store.append(
    id,
    2,
    [
      {
        type: 'SanctionRecorded',
        data: {
          uscc,
          sanctionId: 's-1',
          kind: 'environmental_violation',
          occurredOn: '2026-03-03',
          reference: '平环罚〔2026〕1号',
        },
      },
    ],
    meta('3'),
  );
  const records: RecordedEvent[] = await store.readStream(id);
  const envelopes: EventEnvelope[] = records.map((r) => toEnvelope(r) as EventEnvelope);
  return { store, records, envelopes, streamId: id };
}
