import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type Page, qs } from '../lib/api';
import { useT } from '../lib/i18n';

interface Notice {
  batchId: string;
  year: number;
  provinceCode: string;
  status: 'in_notice' | 'closed';
  notice: { openedOn: string; endsOn: string } | null;
  enterprises: Array<{ name: string | null; uscc: string; countyCode: string }>;
}

/** 公示: public, no sign-in; notices in their period first, closed ones on the second tab. */
export function PublicNoticesPage() {
  const t = useT();
  const [status, setStatus] = useState<'in_notice' | 'closed'>('in_notice');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['sme-notices', status, page],
    queryFn: () => api<Page<Notice>>('assessment', `/v1/sme-notices${qs({ status, page, pageSize: 5 })}`),
    placeholderData: keepPreviousData,
  });
  const items = q.data?.data.items ?? [];
  return (
    <Card
      title={t('publicNotices')}
      extra={
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as typeof status);
            setPage(1);
          }}
          options={[
            { value: 'in_notice', label: t.status('in_notice') },
            { value: 'closed', label: t.status('closed') },
          ]}
        />
      }
    >
      {items.length === 0 && !q.isFetching ? <Empty /> : null}
      <List
        loading={q.isFetching}
        dataSource={items}
        pagination={
          (q.data?.data.total ?? 0) > 5
            ? { current: page, pageSize: 5, total: q.data?.data.total ?? 0, onChange: setPage }
            : false
        }
        renderItem={(n) => (
          <List.Item key={n.batchId} style={{ display: 'block' }}>
            <Space wrap style={{ marginBottom: 8 }}>
              <Typography.Text strong>
                {n.year} · {n.provinceCode}
              </Typography.Text>
              <Tag color={n.status === 'in_notice' ? 'orange' : 'default'}>{t.status(n.status)}</Tag>
              {n.notice ? (
                <Typography.Text>
                  {t('noticePeriod')}：{n.notice.openedOn} — {n.notice.endsOn}
                </Typography.Text>
              ) : null}
            </Space>
            <Table
              rowKey="uscc"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={n.enterprises}
              columns={[
                { title: t('name'), dataIndex: 'name' },
                { title: t('uscc'), dataIndex: 'uscc' },
                { title: t('countyCode'), dataIndex: 'countyCode' },
              ]}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
