import type { Collection } from '../store/mongo-docs';
import type { AnyDoc } from './mongo-projection';

/** One page of a read model and the total of its filter: what every list endpoint answers. */
export async function readPage<T>(
  collection: Collection<AnyDoc>,
  filter: Record<string, unknown>,
  sort: Record<string, 1 | -1>,
  page: { page: number; pageSize: number },
): Promise<{ page: number; pageSize: number; total: number; items: T[] }> {
  const [total, docs] = await Promise.all([
    collection.countDocuments(filter),
    collection
      .find(filter)
      .sort(sort)
      .skip((page.page - 1) * page.pageSize)
      .limit(page.pageSize)
      .toArray(),
  ]);
  return { page: page.page, pageSize: page.pageSize, total, items: docs as unknown as T[] };
}
