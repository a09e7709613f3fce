import type { TableProps } from 'antd';
import type { Page } from './api';

export interface Paging {
  page: number;
  pageSize: number;
}

/**
 * The props every server-paged list shares: the service's page (`{page,pageSize,total,items}`) shown as it
 * arrives, the pager driving the next request, and a horizontal scroll so a clerk's narrow screen keeps every
 * column. One place, so the lists page and load alike.
 */
export function serverTable<T>(
  query: { isFetching: boolean; data?: { data: Page<T> } },
  paging: Paging,
  setPaging: (p: Paging) => void,
): Pick<TableProps<T>, 'loading' | 'dataSource' | 'scroll' | 'pagination'> {
  return {
    loading: query.isFetching,
    dataSource: query.data?.data.items ?? [],
    scroll: { x: 'max-content' },
    pagination: {
      current: paging.page,
      pageSize: paging.pageSize,
      total: query.data?.data.total ?? 0,
      onChange: (page, pageSize) => setPaging({ page, pageSize }),
    },
  };
}
