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

/** `sort=field` ascending, `sort=-field` descending, over the fields a list declares sortable. */
function sortParam(fields: readonly [string, ...string[]]) {
  const values = fields.flatMap((f) => [f, `-${f}`]) as [string, ...string[]];
  return z
    .enum(values)
    .optional()
    .describe(`sort by ${fields.join(', ')} (ascending; a leading - for descending)`);
}

/**
 * `Query.extend(PageQuery.shape)`: a list's own filters plus paging, and with `{ sort: [...] }` a `sort`
 * parameter over those read-model fields (top-level document fields, so the sort is the database's own).
 * `readPage` applies it before the list's default order, which stays the tie-break.
 */
export function pagedQuery<S extends z.ZodRawShape>(
  filters: S,
): z.ZodObject<S & typeof PageQuery.shape, z.core.$strict>;
export function pagedQuery<S extends z.ZodRawShape>(
  filters: S,
  o: { sort: readonly [string, ...string[]] },
): z.ZodObject<S & typeof PageQuery.shape & { sort: ReturnType<typeof sortParam> }, z.core.$strict>;
export function pagedQuery<S extends z.ZodRawShape>(
  filters: S,
  o?: { sort: readonly [string, ...string[]] },
) {
  return z.strictObject({ ...filters, ...PageQuery.shape, ...(o ? { sort: sortParam(o.sort) } : {}) });
}

export function pageOf<T>(params: PageParams, total: number, items: T[]): Page<T> {
  return { page: params.page, pageSize: params.pageSize, total, items };
}
