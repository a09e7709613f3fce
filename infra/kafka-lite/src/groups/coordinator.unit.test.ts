import { Err } from '../protocol/errors';
import { GroupCoordinator, type JoinRequest } from './coordinator';

const proto = (meta: string) => [{ name: 'roundrobin', metadata: Buffer.from(meta) }];
const req = (memberId: string, meta = 'm'): JoinRequest => ({
  groupId: 'g',
  sessionTimeout: 1000,
  rebalanceTimeout: 3000,
  memberId,
  protocolType: 'consumer',
  protocols: proto(meta),
  clientId: 'c',
  clientHost: '/127.0.0.1',
});

async function joinFresh(c: GroupCoordinator, meta = 'm') {
  const first = await c.join(req('', meta));
  expect(first.error).toBe(Err.MEMBER_ID_REQUIRED);
  return { id: first.memberId, joined: c.join(req(first.memberId, meta)) };
}

describe('GroupCoordinator', () => {
  let c: GroupCoordinator;
  beforeEach(() => {
    jest.useFakeTimers();
    c = new GroupCoordinator({ initialRebalanceDelayMs: 0 });
  });
  afterEach(() => {
    c.close();
    jest.useRealTimers();
  });

  it('forms a generation, holds a newcomer until the old member rejoins, and hands out the assignment', async () => {
    const a = await joinFresh(c, 'ma');
    const ja = await a.joined;
    expect(ja).toMatchObject({ error: Err.NONE, generationId: 1, leaderId: a.id, protocol: 'roundrobin' });
    await expect(c.sync('g', 1, a.id, new Map([[a.id, Buffer.from('all')]]))).resolves.toEqual({
      error: Err.NONE,
      assignment: Buffer.from('all'),
    });

    const b = await joinFresh(c, 'mb');
    let bDone = false;
    void b.joined.then(() => (bDone = true));
    await Promise.resolve();
    expect(bDone).toBe(false);
    expect(c.heartbeat('g', 1, a.id)).toBe(Err.REBALANCE_IN_PROGRESS);
    expect(c.validateCommit('g', 1, a.id)).toBe(Err.NONE); // the old generation may still commit while preparing

    const ja2 = await c.join(req(a.id, 'ma'));
    const jb = await b.joined;
    expect(ja2.members.map((m) => [m.memberId, String(m.metadata)])).toEqual([
      [a.id, 'ma'],
      [b.id, 'mb'],
    ]);
    expect(jb).toMatchObject({ error: Err.NONE, generationId: 2, leaderId: a.id, members: [] });
    expect(c.validateCommit('g', 2, a.id)).toBe(Err.REBALANCE_IN_PROGRESS);

    const followerSync = c.sync('g', 2, b.id, new Map());
    const leaderSync = c.sync('g', 2, a.id, new Map([[b.id, Buffer.from('half')]]));
    await expect(followerSync).resolves.toEqual({ error: Err.NONE, assignment: Buffer.from('half') });
    await expect(leaderSync).resolves.toEqual({ error: Err.NONE, assignment: Buffer.alloc(0) });
    expect(c.group('g')?.state).toBe('Stable');
    expect(c.validateCommit('g', 1, a.id)).toBe(Err.ILLEGAL_GENERATION);
    expect(c.validateCommit('g', 2, 'stranger')).toBe(Err.UNKNOWN_MEMBER_ID);
    expect(c.heartbeat('g', 2, 'stranger')).toBe(Err.UNKNOWN_MEMBER_ID);
    expect(c.heartbeat('g', 1, b.id)).toBe(Err.ILLEGAL_GENERATION);
  });

  it('expires a member that stops heartbeating and rebalances the rest', async () => {
    const a = await joinFresh(c);
    await a.joined;
    const b = await joinFresh(c);
    void c.join(req(a.id));
    await b.joined;
    await c.sync('g', 2, a.id, new Map());
    jest.advanceTimersByTime(500);
    expect(c.heartbeat('g', 2, a.id)).toBe(Err.NONE); // b stays silent
    expect(c.group('g')?.members.has(b.id)).toBe(true);
    jest.advanceTimersByTime(600); // b's 1000 ms session has run out; a's was renewed at 500
    expect(c.group('g')?.members.has(b.id)).toBe(false);
    expect(c.heartbeat('g', 2, a.id)).toBe(Err.REBALANCE_IN_PROGRESS);
    await expect(c.join(req(a.id))).resolves.toMatchObject({
      error: Err.NONE,
      generationId: 3,
      members: [{ memberId: a.id }],
    });
  });

  it('drops members that do not rejoin within the rebalance timeout, and empties on leave', async () => {
    const a = await joinFresh(c);
    await a.joined;
    const b = await joinFresh(c);
    await c.sync('g', 1, a.id, new Map()).catch(() => undefined);
    // a heartbeats (keeping its session) but never rejoins
    for (let i = 0; i < 6; i++) {
      jest.advanceTimersByTime(500);
      c.heartbeat('g', 1, a.id);
    }
    await expect(b.joined).resolves.toMatchObject({ error: Err.NONE, generationId: 2, leaderId: b.id });
    expect(c.heartbeat('g', 1, a.id)).toBe(Err.UNKNOWN_MEMBER_ID);
    expect(c.leave('g', b.id)).toBe(Err.NONE);
    expect(c.group('g')?.state).toBe('Empty');
    expect(c.leave('g', b.id)).toBe(Err.UNKNOWN_MEMBER_ID);
  });

  it('refuses unknown member ids and mismatched protocol types', async () => {
    await expect(c.join(req('made-up'))).resolves.toMatchObject({ error: Err.UNKNOWN_MEMBER_ID });
    const a = await joinFresh(c);
    await a.joined;
    await expect(c.join({ ...req(''), protocolType: 'connect' })).resolves.toMatchObject({
      error: Err.INCONSISTENT_GROUP_PROTOCOL,
    });
  });
});
