import type { Evaluation as EvaluationState } from '@peiyu/assessment';
import { RecordOnSiteCheckBody } from '@peiyu/assessment/schemas';
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
  Typography,
} from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { useAuthConfig } from '../lib/config';
import { api, type Page, ProblemError, qs } from '../lib/api';
import { fieldErrorsFor, zodRule } from '../lib/zod-rules';
import { useT } from '../lib/i18n';
import { navigate } from '../lib/router';
import { serverTable } from '../lib/server-table';

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
        {...serverTable(q, paging, setPaging)}
        rowClassName={(r) => (r.overdue ? 'overdue-row' : '')}
        onRow={(r) => ({ style: r.overdue ? { background: '#fff1f0' } : undefined })}
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
      <OnSiteCheckCard path={path} evaluation={e} />
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

const REASON_TEXT: Record<string, [string, string]> = {
  few_employees: ['职工人数较少', 'Few employees'],
  no_ip: ['无知识产权', 'No IP'],
  low_rd_expense: ['研发费用偏低', 'Low R&D expense'],
  recent_revocation: ['近期被撤销入库', 'Recently revoked'],
  reviewer_judgement: ['审核员判断', 'Reviewer’s judgement'],
};
type OnSiteInput = z.input<typeof RecordOnSiteCheckBody>;

/**
 * 实地核查: the county flags a check (the system's suggestions shown) and records its result
 * (OnSiteCheckRecorded) — a flagged evaluation passes the formal review only with a result on record.
 */
function OnSiteCheckCard({ path, evaluation: e }: { path: string; evaluation: EvaluationState }) {
  const t = useT();
  const i = t.lang === 'zh' ? 0 : 1;
  const client = useQueryClient();
  const today = useAuthConfig().data?.today;
  const [form] = Form.useForm<OnSiteInput>();
  const [reason, setReason] = useState('');
  const act = useMutation({
    mutationFn: (a: { to: string; body: unknown }) =>
      api<unknown>('assessment', `${path}${a.to}`, { method: 'POST', body: a.body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['evaluation'] }),
    onError: (err) => {
      if (err instanceof ProblemError)
        form.setFields(fieldErrorsFor(err.problem.errors, '/body/', t.lang) as never);
    },
  });
  const rule = (f: keyof OnSiteInput) =>
    zodRule(RecordOnSiteCheckBody, (v: OnSiteInput) => v, [f], { lang: t.lang });
  const check = e.onSiteCheck;
  const reasons = (check?.reasons ?? e.onSiteCheckSuggested ?? []).map((r) => REASON_TEXT[r]?.[i] ?? r);
  return (
    <Card title={t('onSiteCheck')} data-testid="on-site-check">
      {act.error ? <Alert type="error" message={act.error.message} style={{ marginBottom: 12 }} /> : null}
      {!check ? (
        <Space direction="vertical">
          <span>
            {t('notFlagged')}
            {reasons.length ? `（${t('suggested')}：${reasons.join('、')}）` : ''}
          </span>
          {/* Without the system's suggestions the reviewer's own judgement needs its reason (the decider's rule). */}
          <Space wrap>
            <Input
              aria-label={t('flagReason')}
              placeholder={t('flagReason')}
              style={{ width: 320 }}
              value={reason}
              onChange={(ev) => setReason(ev.target.value)}
            />
            <Button
              onClick={() =>
                act.mutate({
                  to: '/on-site-check',
                  body: e.onSiteCheckSuggested?.length
                    ? { note: reason.trim() || null }
                    : { reasons: ['reviewer_judgement'], note: reason.trim() || null },
                })
              }
              loading={act.isPending}
            >
              {t('flagOnSiteCheck')}
            </Button>
          </Space>
        </Space>
      ) : check.result ? (
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('flaggedOn')}>{check.flaggedOn}</Descriptions.Item>
          <Descriptions.Item label={t('checkedOn')}>{check.result.checkedOn}</Descriptions.Item>
          <Descriptions.Item label={t('outcome')}>
            <Tag color={check.result.outcome === 'consistent' ? 'green' : 'red'}>
              {t(check.result.outcome)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('inspector')}>{check.result.inspector}</Descriptions.Item>
          <Descriptions.Item label={t('note')} span={2}>
            {check.result.note}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Form<OnSiteInput>
          form={form}
          layout="vertical"
          initialValues={{ checkedOn: today, outcome: 'consistent' }}
          onFinish={(v) => act.mutate({ to: '/on-site-check/result', body: v })}
        >
          <Typography.Paragraph>
            {t('flaggedOn')}：{check.flaggedOn}
            {reasons.length ? `；${reasons.join('、')}` : ''}
          </Typography.Paragraph>
          <Space wrap align="start">
            <Form.Item label={t('checkedOn')} name="checkedOn" rules={[rule('checkedOn')]}>
              <Input placeholder="YYYY-MM-DD" style={{ width: 160 }} />
            </Form.Item>
            <Form.Item label={t('inspector')} name="inspector" rules={[rule('inspector')]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item label={t('outcome')} name="outcome" rules={[rule('outcome')]}>
              <Radio.Group
                aria-label={t('outcome')}
                options={[
                  { value: 'consistent', label: t('consistent') },
                  { value: 'inconsistent', label: t('inconsistent') },
                ]}
              />
            </Form.Item>
          </Space>
          <Form.Item label={t('note')} name="note" rules={[rule('note')]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={act.isPending}>
            {t('recordResult')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
