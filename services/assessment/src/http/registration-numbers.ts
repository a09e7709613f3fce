import type { mongo } from 'mongoose';
import type { SequenceBlock } from '../domain';

export type CounterCollection = mongo.Collection<{ _id: string; next: number }>;

/**
 * Reserves `count` registration numbers for (province, year) from one counter document: `$inc` with upsert is a
 * single atomic update, so concurrent closes — in this process or another — get disjoint blocks. A refused or
 * failed close after the reservation leaves a gap in the numbers, never a duplicate.
 */
export async function reserveRegistrationNumbers(
  counters: CounterCollection,
  provinceCode: string,
  year: number,
  count: number,
): Promise<SequenceBlock> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError('reserve at least one number');
  const doc = await counters.findOneAndUpdate(
    { _id: `${provinceCode}-${year}` },
    { $inc: { next: count } },
    { upsert: true, returnDocument: 'after' },
  );
  if (!doc) throw new Error('the registration-number counter returned nothing');
  return { provinceCode, year, first: doc.next - count + 1, count };
}
