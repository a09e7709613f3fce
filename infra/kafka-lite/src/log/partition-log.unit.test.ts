import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBatch, type BatchInfo } from '../protocol/record-batch';
import { encodeBatch } from '../test-support/raw-client';
import { MetaStore } from './meta-store';
import { PartitionLog } from './partition-log';

const info = (b: Buffer): BatchInfo => {
  const c = checkBatch(b);
  if (!c.ok) throw new Error('bad batch');
  return c.info;
};

describe('PartitionLog on disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kafka-lite-log-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('replays batches, cuts a torn or corrupt tail, and continues offsets after it', async () => {
    const path = join(dir, '0.log');
    const log = await PartitionLog.openFile(path, true);
    for (let i = 0; i < 3; i++) {
      const b = encodeBatch([
        { key: null, value: `a${i}` },
        { key: null, value: `b${i}` },
      ]);
      await log.append(b, info(b)).visible;
    }
    expect(log.highWatermark).toBe(6);
    await log.close();
    const intact = (await stat(path)).size;

    const torn = encodeBatch([{ key: null, value: 'torn' }]);
    await appendFile(path, torn.subarray(0, torn.length - 3));
    const reopened = await PartitionLog.openFile(path, true);
    expect((await stat(path)).size).toBe(intact);
    expect([reopened.logEnd, reopened.batches.length]).toEqual([6, 3]);
    const next = encodeBatch([{ key: null, value: 'next' }]);
    expect(reopened.append(next, info(next)).baseOffset).toBe(6);
    await reopened.close();

    // a flipped bit in the last batch: its CRC fails and it is dropped as well
    const bytes = await readFile(path);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    await writeFile(path, bytes);
    const again = await PartitionLog.openFile(path, true);
    expect(again.logEnd).toBe(6);
    await again.close();
  });

  it('finds offsets by record timestamp and reads whole batches within a byte budget', async () => {
    const log = PartitionLog.inMemory();
    const b1 = encodeBatch([{ key: null, value: 'x' }], { timestamp: 1000 });
    const b2 = encodeBatch([{ key: null, value: 'y' }], { timestamp: 2000 });
    log.append(b1, info(b1));
    log.append(b2, info(b2));
    expect(log.offsetForTimestamp(1500)).toEqual({ offset: 1, timestamp: 2000 });
    expect(log.offsetForTimestamp(3000)).toBeUndefined();
    expect(log.read(0, b1.length, false).chunks).toHaveLength(1);
    expect(log.read(1, 1, true).chunks).toEqual([b2]);
    expect(log.read(0, 1, false).chunks).toHaveLength(0);
  });
});

describe('MetaStore on disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kafka-lite-meta-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps commits and producer ids across reopen, ignoring a torn last line', async () => {
    const store = await MetaStore.open(dir, true);
    await store.commit('g', [{ topic: 't', partition: 0, offset: 5, metadata: null }]);
    await store.commit('g', [{ topic: 't', partition: 0, offset: 9, metadata: 'm' }]);
    const pid = await store.allocateProducerId(0);
    await store.close();
    await appendFile(join(dir, 'state.jsonl'), '{"k":"offset","g":"g","t":"t","p":0,"o":99');

    const reopened = await MetaStore.open(dir, true);
    expect(reopened.committed('g', 't', 0)).toEqual({ offset: 9, metadata: 'm' });
    expect(await reopened.allocateProducerId(0)).toBe(pid + 1);
    await reopened.dropTopic('t');
    expect(reopened.committed('g', 't', 0)).toBeUndefined();
    await reopened.close();
  });
});
