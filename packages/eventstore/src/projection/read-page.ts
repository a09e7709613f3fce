import type { Collection } from '../store/mongo-docs';
import type { AnyDoc } from './mongo-projection';

/**
 * `sort=field` / `sort=-field` (validated by service-kit's `pagedQuery` against the list's sortable fields)
 * first, then the list's default order as the tie-break.
 */
export function withRequestedSort(
  sort: Record<string, 1 | -1>,
  requested: string | undefined,
): Record<string, 1 | -1> {
  if (!requested) return sort;
  const field = requested.replace(/^-/, '');
  const out: Record<string, 1 | -1> = { [field]: requested.startsWith('-') ? -1 : 1 };
  for (const [k, v] of Object.entries(sort)) if (k !== field) out[k] = v;
  return out;
}

/** One page of a read model and the total of its filter: what every list endpoint answers. */
export async function readPage<T>(
  collection: Collection<AnyDoc>,
  filter: Record<string, unknown>,
  defaultSort: Record<string, 1 | -1>,
  page: { page: number; pageSize: number; sort?: string | undefined },
): Promise<{ page: number; pageSize: number; total: number; items: T[] }> {
  const sort = withRequestedSort(defaultSort, page.sort);
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
