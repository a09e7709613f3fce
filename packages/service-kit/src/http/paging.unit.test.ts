import { z } from 'zod';
import { pagedQuery } from './paging';

describe('pagedQuery sort', () => {
  const Q = pagedQuery({ status: z.string().optional() }, { sort: ['uscc', 'submittedOn'] });

  it('takes a declared field, ascending or descending, and refuses any other', () => {
    expect(Q.parse({ sort: '-submittedOn' })).toMatchObject({ sort: '-submittedOn', page: 1, pageSize: 20 });
    expect(Q.parse({ sort: 'uscc' }).sort).toBe('uscc');
    expect(Q.safeParse({ sort: 'application.form' }).success).toBe(false);
    expect(Q.safeParse({ sort: '-$where' }).success).toBe(false);
  });

  it('a list without sortable fields refuses sort as an unknown parameter', () => {
    expect(pagedQuery({}).safeParse({ sort: 'uscc' }).success).toBe(false);
  });
});
