import { ObjectId } from 'bson';
import { Engine } from '../engine/engine';
import type { Doc } from '../engine/values';
import { CursorStore } from './cursors';
import { Dispatcher } from './dispatch';

const conn = { id: 1, address: '127.0.0.1:1', auth: {} };

async function setup(): Promise<Dispatcher> {
  const d = new Dispatcher({
    engine: new Engine(),
    cursors: new CursorStore(() => 0),
    server: { replSetName: 'rs0', startedAt: new Date(0), processId: new ObjectId(), commands: new Map() },
    persist: async () => undefined,
    log: () => undefined,
    now: () => 0,
  });
  const docs = Array.from({ length: 50 }, (_, i) => ({
    _id: i,
    status: i % 2 ? 'submitted' : 'draft',
    dueOn: i,
  }));
  await d.dispatch({ insert: 'q', documents: docs, $db: 'db' }, conn);
  await d.dispatch(
    { createIndexes: 'q', indexes: [{ key: { status: 1, dueOn: 1 }, name: 'queue' }], $db: 'db' },
    conn,
  );
  return d;
}

const explain = (d: Dispatcher, inner: Doc) => d.dispatch({ explain: inner, $db: 'db' }, conn);

describe('explain', () => {
  it('names the index a filtered, sorted find walks, and what it returned of how many candidates', async () => {
    const d = await setup();
    const r = await explain(d, { find: 'q', filter: { status: 'submitted' }, sort: { dueOn: 1 }, limit: 5 });
    expect(r.queryPlanner).toMatchObject({ winningPlan: { stage: 'IXSCAN', indexName: 'queue' } });
    // the walk in dueOn order stops at the limit: 5 documents read of 25 candidates
    expect(r.executionStats).toEqual({ nReturned: 5, candidateDocs: 25, docsExamined: 5 });
  });

  it('shows a collection scan, under a SORT, where no index applies', async () => {
    const d = await setup();
    const r = await explain(d, { find: 'q', filter: { dueOn: { $mod: [2, 0] } }, sort: { _id: -1 } });
    expect(r.queryPlanner).toMatchObject({
      winningPlan: { stage: 'SORT', sortPattern: { _id: -1 }, inputStage: { stage: 'COLLSCAN' } },
    });
  });

  it('explains a count an index covers as a COUNT_SCAN that fetches no document', async () => {
    const d = await setup();
    const r = await explain(d, { count: 'q', query: { status: 'draft', dueOn: { $gte: 10 } } });
    expect(r.queryPlanner).toMatchObject({
      winningPlan: { stage: 'COUNT', inputStage: { stage: 'COUNT_SCAN', indexName: 'queue' } },
    });
    expect(r.executionStats).toMatchObject({ nReturned: 20, keysExamined: 20, fetched: 0 });
    const n = await d.dispatch(
      { count: 'q', query: { status: 'draft', dueOn: { $gte: 10 } }, $db: 'db' },
      conn,
    );
    expect(n).toMatchObject({ n: 20 });
    const agg = await d.dispatch(
      {
        aggregate: 'q',
        pipeline: [{ $match: { status: 'submitted' } }, { $group: { _id: 1, n: { $sum: 1 } } }],
        cursor: {},
        $db: 'db',
      },
      conn,
    );
    expect((agg.cursor as Doc).firstBatch).toEqual([{ _id: 1, n: 25 }]);
  });

  it('explains a count no index covers, and counts commands by name in serverStatus', async () => {
    const d = await setup();
    const r = await explain(d, { count: 'q', query: { status: 'draft', other: { $exists: false } } });
    expect(r.queryPlanner).toMatchObject({ winningPlan: { stage: 'IXSCAN', indexName: 'queue' } });
    expect(r.executionStats).toEqual({ nReturned: 25, candidateDocs: 25, docsExamined: 25 });
    const status = await d.dispatch({ serverStatus: 1, $db: 'admin' }, conn);
    expect((status.metrics as Doc).commands).toMatchObject({ insert: { total: 1 }, explain: { total: 1 } });
  });
});
