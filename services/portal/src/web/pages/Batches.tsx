import type { Batch } from '@peiyu/assessment';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { Chart } from '../lib/Chart';
import { useState } from 'react';
import { useCampaignYear } from '../lib/config';
import { api, type Page, qs } from '../lib/api';
import { useT } from '../lib/i18n';
import { navigate } from '../lib/router';
import { serverTable } from '../lib/server-table';

interface Forwarded {
  evaluationId: string;
  uscc: string;
  year: number;
  status: string;
  points: number | null;
}
interface BatchRow {
  batchId: string;
  year: number;
  status: Batch['status'];
  notice: Batch['notice'];
  items: number;
  openObjections: number;
}

/** Province: evaluations forwarded by the counties (to form a batch) and the batches with their notice state. */
export function BatchesPage() {
  const t = useT();
  const client = useQueryClient();
  const year = useCampaignYear() ?? 0;
  const [selected, setSelected] = useState<string[]>([]);
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const forwarded = useQuery({
    queryKey: ['evaluations', 'forwarded', year],
    enabled: year > 0,
    queryFn: () =>
      api<Page<Forwarded>>(
        'assessment',
        `/v1/sme-evaluations${qs({ status: 'forwarded', year, pageSize: 100 })}`,
      ),
  });
  const batches = useQuery({
    queryKey: ['batches', year, paging],
    enabled: year > 0,
    queryFn: () => api<Page<BatchRow>>('assessment', `/v1/sme-batches${qs({ year, ...paging })}`),
    placeholderData: keepPreviousData,
  });
  const form = useMutation({
    mutationFn: () =>
      api<{ batchId: string }>('assessment', '/v1/sme-batches', {
        method: 'POST',
        body: { year, evaluationIds: selected },
      }),
    onSuccess: (r) => {
      setSelected([]);
      void client.invalidateQueries();
      navigate(`/province/batches/${r.data.batchId}`);
    },
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={t('forwarded')}
        extra={
          <Button
            type="primary"
            disabled={selected.length === 0}
            loading={form.isPending}
            onClick={() => form.mutate()}
          >
            {t('newBatch')}（{selected.length}）
          </Button>
        }
      >
        {form.error ? <Alert type="error" message={form.error.message} style={{ marginBottom: 12 }} /> : null}
        <Table<Forwarded>
          rowKey="evaluationId"
          size="small"
          loading={forwarded.isFetching}
          dataSource={forwarded.data?.data.items ?? []}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('uscc'), dataIndex: 'uscc' },
            { title: t('year'), dataIndex: 'year' },
            { title: t('total'), dataIndex: 'points' },
            { title: t('status'), dataIndex: 'status', render: (s: string) => t.status(s) },
          ]}
        />
      </Card>
      <Card title={t('batches')}>
        <Table<BatchRow>
          rowKey="batchId"
          {...serverTable(batches, paging, setPaging)}
          columns={[
            {
              title: 'ID',
              dataIndex: 'batchId',
              render: (id: string) => (
                <Button type="link" onClick={() => navigate(`/province/batches/${id}`)}>
                  {id}
                </Button>
              ),
            },
            { title: t('status'), dataIndex: 'status', render: (s: string) => <Tag>{t.status(s)}</Tag> },
            { title: t('items'), dataIndex: 'items' },
            { title: t('noticeEndsOn'), render: (_: unknown, r) => r.notice?.endsOn ?? '—' },
            { title: t('objections'), dataIndex: 'openObjections' },
          ]}
        />
      </Card>
    </Space>
  );
}

/** One batch: open the 公示, lodge and resolve objections, close it (entries get their numbers). */
export function BatchDetailPage({ batchId }: { batchId: string }) {
  const t = useT();
  const client = useQueryClient();
  const { message } = App.useApp();
  const base = `/v1/sme-batches/${batchId}`;
  const q = useQuery({
    queryKey: ['batch', batchId],
    queryFn: () => api<Batch & { version: number }>('assessment', base),
  });
  const act = useMutation({
    mutationFn: (a: { path: string; body?: unknown }) =>
      api('assessment', `${base}${a.path}`, { method: 'POST', body: a.body ?? {} }),
    onSuccess: () => {
      void message.success(t('done'));
      void client.invalidateQueries();
    },
  });
  const [objection] = Form.useForm<{ evaluationId: string; summary: string }>();
  const b = q.data?.data;
  if (!b)
    return (
      <Card loading={q.isLoading}>{q.error ? <Alert type="error" message={q.error.message} /> : null}</Card>
    );
  const counts = ['pending', 'entered', 'rejected']
    .map((s) => ({ name: t.status(s), value: b.items.filter((i) => i.status === s).length }))
    .filter((c) => c.value > 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      {act.error ? <Alert type="error" showIcon message={act.error.message} /> : null}
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Card
            title={`${t('batches')} · ${b.batchId}`}
            extra={
              <Space>
                {b.status === 'forming' ? (
                  <Button type="primary" onClick={() => act.mutate({ path: '/notice/open' })}>
                    {t('openNotice')}
                  </Button>
                ) : null}
                {b.status === 'in_notice' ? (
                  <Popconfirm
                    title={t('closeNotice')}
                    onConfirm={() => act.mutate({ path: '/notice/close' })}
                  >
                    <Button type="primary">{t('closeNotice')}</Button>
                  </Popconfirm>
                ) : null}
              </Space>
            }
          >
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('status')}>
                <Tag data-testid="batch-status">{t.status(b.status)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('noticePeriod')}>
                {b.notice ? `${b.notice.openedOn} — ${b.notice.endsOn}` : '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} md={10}>
          <Card title={t('itemsByStatus')} size="small">
            <Chart
              style={{ height: 180 }}
              option={{
                tooltip: { trigger: 'item' },
                legend: { left: 0, orient: 'vertical' },
                series: [
                  {
                    type: 'pie',
                    center: ['60%', '50%'],
                    radius: ['40%', '70%'],
                    data: counts,
                    label: { formatter: '{b}: {c}' },
                  },
                ],
              }}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('entries')}>
        <Table
          rowKey="evaluationId"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={b.items}
          columns={[
            { title: t('uscc'), dataIndex: 'uscc' },
            { title: t('countyCode'), dataIndex: 'countyCode' },
            { title: t('status'), dataIndex: 'status', render: (s: string) => t.status(s) },
            {
              title: t('registrationNumber'),
              dataIndex: 'registrationNumber',
              render: (n: string | null) => n ?? '—',
            },
          ]}
        />
      </Card>
      <Card title={t('objections')}>
        {b.status === 'in_notice' ? (
          <Form
            form={objection}
            layout="inline"
            style={{ marginBottom: 16, rowGap: 8 }}
            onFinish={(v) => {
              act.mutate({ path: '/objections', body: v });
              objection.resetFields();
            }}
          >
            <Form.Item label={t('uscc')} name="evaluationId" rules={[{ required: true }]}>
              <Select
                style={{ minWidth: 220 }}
                options={b.items.map((i) => ({ value: i.evaluationId, label: i.uscc }))}
              />
            </Form.Item>
            <Form.Item
              label={t('summary')}
              name="summary"
              rules={[{ required: true, whitespace: true }, { max: 1000 }]}
            >
              <Input style={{ minWidth: 240 }} />
            </Form.Item>
            <Button htmlType="submit">{t('lodgeObjection')}</Button>
          </Form>
        ) : null}
        <Table
          rowKey="objectionId"
          size="small"
          pagination={false}
          dataSource={b.objections}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('uscc'),
              render: (_: unknown, o) => b.items.find((i) => i.evaluationId === o.evaluationId)?.uscc,
            },
            { title: t('submittedOn'), dataIndex: 'lodgedOn' },
            { title: t('status'), dataIndex: 'outcome', render: (s: string) => t.status(s) },
            {
              title: t('actions'),
              render: (_: unknown, o) =>
                o.outcome === 'open' ? (
                  <Space>
                    {(['dismissed', 'upheld'] as const).map((outcome) => (
                      <Button
                        key={outcome}
                        size="small"
                        danger={outcome === 'upheld'}
                        onClick={() =>
                          act.mutate({
                            path: `/objections/${o.objectionId}/resolve`,
                            body: { outcome, finding: outcome === 'upheld' ? '经核查属实' : '经核查不属实' },
                          })
                        }
                      >
                        {t(outcome)}
                      </Button>
                    ))}
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
