import { z } from 'zod';

/** The one set of paging parameters every list takes: `page` from 1, `pageSize` 1–100 (default 20). */
export const PageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PageParams = z.output<typeof PageQuery>;

/** The one list envelope. */
export interface Page<T> {
  page: number;
  pageSize: number;
  total: number;
  items: T[];
}

/** `Query.extend(PageQuery.shape)`: a list's own filters plus paging. */
export function pagedQuery<S extends z.ZodRawShape>(filters: S) {
  return z.strictObject({ ...filters, ...PageQuery.shape });
}

export function pageOf<T>(params: PageParams, total: number, items: T[]): Page<T> {
  return { page: params.page, pageSize: params.pageSize, total, items };
}
