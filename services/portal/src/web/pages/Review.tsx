import type { Evaluation as EvaluationState } from '@peiyu/assessment';
import { FORMAL_REVIEW_ITEMS } from '@peiyu/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Radio,
  Skeleton,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { api, type Page, qs } from '../lib/api';
import { useT } from '../lib/i18n';
import { navigate } from '../lib/router';

interface QueueItem {
  evaluationId: string;
  uscc: string;
  name: string | null;
  year: number;
  submittedOn: string;
  dueOn: string;
  overdue: boolean;
  onSiteCheckSuggested: string[];
  flaggedForOnSiteCheck: boolean;
}

/** 待审核: the county's queue, most urgent first (the service orders by due date), overdue in red. */
export function ReviewQueuePage() {
  const t = useT();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const q = useQuery({
    queryKey: ['review-queue', paging],
    queryFn: () => api<Page<QueueItem>>('assessment', `/v1/sme-review-queue${qs(paging)}`),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title={t('reviewQueue')}>
      <Table<QueueItem>
        rowKey="evaluationId"
        loading={q.isFetching}
        dataSource={q.data?.data.items ?? []}
        scroll={{ x: 'max-content' }}
        rowClassName={(r) => (r.overdue ? 'overdue-row' : '')}
        onRow={(r) => ({ style: r.overdue ? { background: '#fff1f0' } : undefined })}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: q.data?.data.total ?? 0,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: t('uscc'), dataIndex: 'uscc' },
          { title: t('submittedOn'), dataIndex: 'submittedOn' },
          {
            title: t('dueOn'),
            dataIndex: 'dueOn',
            render: (d: string, r) => (
              <Space>
                <span>{d}</span>
                {r.overdue ? <Tag color="red">{t('overdue')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('actions'),
            render: (_: unknown, r) => (
              <Button type="link" onClick={() => navigate(`/county/review/${r.uscc}/${r.year}`)}>
                {t('review')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

type Item = (typeof FORMAL_REVIEW_ITEMS)[number];
const ITEM_TEXT: Record<Item, [string, string]> = {
  form_complete: ['信息表填写完整', 'The form is complete'],
  consistent_with_evidence: ['填报信息与证明材料一致', 'The figures match the evidence'],
  signed_and_sealed: ['已签字并加盖公章', 'Signed and sealed'],
  no_other_problem: ['无其他问题', 'No other problem'],
};
type Checklist = Record<Item, { passed: boolean; comment?: string }>;

/** 形式审查: the four items, a comment for each failed one; any failure returns it for correction. */
export function ReviewPage({ uscc, year }: { uscc: string; year: number }) {
  const t = useT();
  const i = t.lang === 'zh' ? 0 : 1;
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Checklist>();
  const path = `/v1/sme-evaluations/${uscc}/${year}`;
  const q = useQuery({
    queryKey: ['evaluation', uscc, year],
    queryFn: () => api<EvaluationState & { version: number }>('assessment', path),
  });
  const review = useMutation({
    mutationFn: (c: Checklist) =>
      api<{ status: string }>('assessment', `${path}/formal-review`, {
        method: 'POST',
        body: {
          checklist: FORMAL_REVIEW_ITEMS.map((item) => ({
            item,
            passed: c[item].passed,
            ...(c[item].passed ? {} : { comment: c[item].comment?.trim() }),
          })),
        },
      }),
    onSuccess: (r) => {
      void message.success(`${t('done')}：${t.status(r.data.status)}`);
      void client.invalidateQueries();
      navigate('/county/queue');
    },
  });
  const values = Form.useWatch([], form) as Checklist | undefined;
  const anyFailed = FORMAL_REVIEW_ITEMS.some((it) => values?.[it]?.passed === false);
  if (q.isLoading) return <Skeleton active />;
  const e = q.data?.data;
  if (!e) return <Alert type="error" message={q.error?.message ?? ''} />;
  const fen = (n: number) => `${(n / 100).toLocaleString(t.lang === 'zh' ? 'zh-CN' : 'en')} ${t('yuan')}`;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card title={`${t('review')} · ${uscc} · ${year}`} extra={<Tag>{t.status(e.status)}</Tag>}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('submittedOn')}>{e.submittedOn}</Descriptions.Item>
          <Descriptions.Item label={t('dueOn')}>{e.dueOn}</Descriptions.Item>
          <Descriptions.Item label={t('total')}>{e.score?.points.total ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t.lang === 'zh' ? '职工 / 科技人员' : 'Employees / tech staff'}>
            {e.form.employees} / {e.form.techStaff}
          </Descriptions.Item>
          <Descriptions.Item label={t.lang === 'zh' ? '销售收入' : 'Revenue'}>
            {fen(e.form.salesRevenue)}
          </Descriptions.Item>
          <Descriptions.Item label={t.lang === 'zh' ? '研发费用' : 'R&D expense'}>
            {fen(e.form.rdExpense)}
          </Descriptions.Item>
          <Descriptions.Item label={t('evidence')} span={2}>
            {e.form.evidence.join('，')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('checklist')}>
        {review.error ? (
          <Alert type="error" message={review.error.message} style={{ marginBottom: 16 }} />
        ) : null}
        <Form<Checklist>
          form={form}
          layout="vertical"
          initialValues={Object.fromEntries(FORMAL_REVIEW_ITEMS.map((it) => [it, { passed: true }]))}
          onFinish={(v) => review.mutate(v)}
        >
          {FORMAL_REVIEW_ITEMS.map((it) => (
            <div key={it} style={{ borderBottom: '1px solid #f0f0f0', marginBottom: 12 }}>
              <Form.Item label={ITEM_TEXT[it][i]} name={[it, 'passed']} style={{ marginBottom: 8 }}>
                <Radio.Group
                  aria-label={ITEM_TEXT[it][i]}
                  options={[
                    { value: true, label: t('passed') },
                    { value: false, label: t('failed') },
                  ]}
                />
              </Form.Item>
              {values?.[it]?.passed === false ? (
                <Form.Item
                  label={`${t('comment')}（${ITEM_TEXT[it][i]}）`}
                  name={[it, 'comment']}
                  rules={[{ required: true, whitespace: true, message: t('commentRequired') }, { max: 1000 }]}
                >
                  <Input.TextArea rows={2} />
                </Form.Item>
              ) : null}
            </div>
          ))}
          <Button type="primary" danger={anyFailed} htmlType="submit" loading={review.isPending}>
            {anyFailed ? t('returnForCorrection') : t('pass')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
