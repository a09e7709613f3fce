import { startMongoLite, type MongoLite } from '@peiyu/mongo-lite';
import mongoose from 'mongoose';
import { DEFAULT_REGISTRATION_NUMBER_FORMAT, formatRegistrationNumber } from '../domain';
import { reserveRegistrationNumbers, type CounterCollection } from './registration-numbers';

// Two connections stand for two assessment processes closing batches of one province at the same moment.
let mongo: MongoLite;
const connections: mongoose.Connection[] = [];
let counters: CounterCollection[];

beforeAll(async () => {
  mongo = await startMongoLite({ port: 0, log: () => undefined });
  for (let i = 0; i < 2; i++) {
    connections.push(
      await mongoose.createConnection(mongo.uri, { dbName: 'assessment_numbers' }).asPromise(),
    );
  }
  counters = connections.map((c) => c.db!.collection('registration_number_counters') as CounterCollection);
}, 30_000);

afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await mongo?.stop();
});

describe('registration-number reservation over TCP (mongo-lite)', () => {
  it('hands concurrent closes disjoint blocks that together cover 1..n', async () => {
    const sizes = [3, 1, 5, 2, 4, 1, 2, 6, 1, 3, 2, 2];
    const blocks = await Promise.all(
      sizes.map((n, i) => reserveRegistrationNumbers(counters[i % 2]!, '410000', 2026, n)),
    );
    const numbers = blocks.flatMap((b) => Array.from({ length: b.count }, (_, k) => b.first + k));
    const total = sizes.reduce((a, b) => a + b, 0);
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, k) => k + 1));
    const formatted = numbers.map((seq) =>
      formatRegistrationNumber(DEFAULT_REGISTRATION_NUMBER_FORMAT, { year: 2026, countyCode: '410402', seq }),
    );
    expect(new Set(formatted).size).toBe(total);
  });

  it('counts each province and year on its own', async () => {
    const hunan = await reserveRegistrationNumbers(counters[0]!, '430000', 2026, 2);
    const henanNextYear = await reserveRegistrationNumbers(counters[1]!, '410000', 2027, 1);
    expect([hunan.first, henanNextYear.first]).toEqual([1, 1]);
  });

  it('refuses an empty reservation', async () => {
    await expect(reserveRegistrationNumbers(counters[0]!, '410000', 2026, 0)).rejects.toThrow(RangeError);
  });
});
