import { RecommendBody, ScoreBody } from '@peiyu/certification/schemas';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
import { api, type Page, ProblemError, qs } from '../lib/api';
import { useT } from '../lib/i18n';
import { navigate } from '../lib/router';
import { getSession } from '../lib/session';
import { fieldErrorsFor, zodRule } from '../lib/zod-rules';
import { type HnteApplication, type HnteApplicationRow, type HnteBatch, PrecheckTable } from './hnte-common';
import { HNTE_TEXT } from './Profile';
import { serverTable } from '../lib/server-table';

/** Server paging, filtering and sorting of `GET /v1/hnte-applications` (`sort=-submittedOn`, …). */
function useApplications(filters: Record<string, string | undefined>) {
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const [sort, setSort] = useState<string | undefined>();
  const q = useQuery({
    queryKey: ['hnte-applications', filters, paging, sort],
    queryFn: () =>
      api<Page<HnteApplicationRow>>(
        'certification',
        `/v1/hnte-applications${qs({ ...filters, ...paging, sort })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const table = {
    loading: q.isFetching,
    dataSource: q.data?.data.items ?? [],
    pagination: {
      current: paging.page,
      pageSize: paging.pageSize,
      total: q.data?.data.total ?? 0,
    },
    onChange: (
      p: { current?: number; pageSize?: number },
      _f: unknown,
      s: SorterResult<HnteApplicationRow> | SorterResult<HnteApplicationRow>[],
    ) => {
      setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? 10 });
      const one = Array.isArray(s) ? s[0] : s;
      setSort(one?.order ? `${one.order === 'descend' ? '-' : ''}${String(one.field)}` : undefined);
    },
  };
  return { q, table };
}

function useRowColumns() {
  const t = useT();
  const i = t.lang === 'zh' ? 0 : 1;
  return [
    { title: t('uscc'), dataIndex: 'uscc', sorter: true },
    { title: t('batch'), dataIndex: 'batchId' },
    {
      title: t('field'),
      dataIndex: 'field',
      render: (f: keyof typeof HNTE_TEXT) => HNTE_TEXT[f]?.[i] ?? f,
    },
    { title: t('submittedOn'), dataIndex: 'submittedOn', sorter: true },
    {
      title: t('conditionsMet'),
      dataIndex: 'conditionsMet',
      render: (n: number | null) => (n === null ? '—' : `${n}/8`),
    },
    {
      title: t('status'),
      dataIndex: 'status',
      sorter: true,
      render: (s: string) => <Tag>{t.status(s)}</Tag>,
    },
  ];
}

const STATUS_FILTER = ['submitted', 'recommended', 'under_review', 'review_passed', 'in_notice', 'approved'];

/** 高企推荐: the county's submitted applications; recommend (optional comment) or return with a comment. */
export function HnteCountyPage() {
  const t = useT();
  const [status, setStatus] = useState<string | undefined>('submitted');
  const { table } = useApplications({ status });
  const [open, setOpen] = useState<HnteApplicationRow | null>(null);
  const columns = useRowColumns();
  return (
    <Card
      title={t('hnteCounty')}
      extra={
        <Select
          aria-label={t('status')}
          style={{ width: 200 }}
          allowClear
          value={status}
          onChange={setStatus}
          options={STATUS_FILTER.map((s) => ({ value: s, label: t.status(s) }))}
        />
      }
    >
      <Table<HnteApplicationRow>
        rowKey="applicationId"
        scroll={{ x: 'max-content' }}
        {...table}
        columns={[
          ...columns,
          {
            title: t('actions'),
            render: (_: unknown, r) =>
              r.status === 'submitted' ? (
                <Button type="link" onClick={() => setOpen(r)}>
                  {t('review')}
                </Button>
              ) : null,
          },
        ]}
      />
      {open ? <RecommendModal row={open} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}

function RecommendModal({ row, onClose }: { row: HnteApplicationRow; onClose: () => void }) {
  const t = useT();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const path = `/v1/hnte-applications/${row.batchId}/${row.uscc}`;
  const detail = useQuery({
    queryKey: ['hnte-application', row.batchId, row.uscc],
    queryFn: () => api<HnteApplication>('certification', path),
  });
  const act = useMutation({
    mutationFn: (a: { to: string; body: unknown }) =>
      api('certification', `${path}/${a.to}`, { method: 'POST', body: a.body }),
    onSuccess: () => {
      void message.success(t('done'));
      void client.invalidateQueries({ queryKey: ['hnte-applications'] });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ProblemError)
        form.setFields(fieldErrorsFor(e.problem.errors, '/body/', t.lang) as never);
    },
  });
  return (
    <Modal open width={900} title={`${t('review')} · ${row.uscc}`} onCancel={onClose} footer={null}>
      {detail.data ? <PrecheckTable app={detail.data.data} /> : <Skeleton active />}
      <Form form={form} layout="vertical" style={{ marginTop: 16 }}>
        <Form.Item
          label={t('comment')}
          name="comment"
          rules={[
            zodRule(
              RecommendBody,
              (v: { comment?: string }) => ({ comment: v.comment || null }),
              ['comment'],
              { lang: t.lang },
            ),
          ]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        {act.error ? <Alert type="error" message={act.error.message} style={{ marginBottom: 12 }} /> : null}
        <Space>
          <Button
            type="primary"
            loading={act.isPending}
            onClick={() =>
              void form
                .validateFields()
                .then((v) => act.mutate({ to: 'recommend', body: { comment: v.comment || null } }))
            }
          >
            {t('recommend')}
          </Button>
          <Button
            danger
            onClick={() =>
              void form.validateFields().then((v) =>
                act.mutate({
                  to: 'return',
                  body: { items: [{ section: 'financials', comment: v.comment || '请补正' }] },
                }),
              )
            }
          >
            {t('returnIt')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}

/** The next step the province takes on an application, by its status. */
const NEXT: Record<
  string,
  { to: string; label: 'drawPanel' | 'conclude' | 'openNotice' | 'hnteCloseNotice' | 'certify' }
> = {
  recommended: { to: 'panel', label: 'drawPanel' },
  under_review: { to: 'review/conclude', label: 'conclude' },
  review_passed: { to: 'notice/open', label: 'openNotice' },
  in_notice: { to: 'notice/close', label: 'hnteCloseNotice' },
};

interface CertificateRow {
  certificateNumber: string;
  uscc: string;
  name: string | null;
  field: string;
  issuedOn: string;
  validUntil: string;
  state: string;
  countyCode: string | null;
}

/** 高企认定: batches, the applications of a batch with the next step, panels, the 公示, and certificates. */
export function HnteProvincePage() {
  const t = useT();
  const province = getSession()?.principal.region;
  const [batchId, setBatchId] = useState<string | undefined>();
  const batches = useQuery({
    queryKey: ['hnte-batches', province],
    queryFn: () =>
      api<Page<HnteBatch>>(
        'certification',
        `/v1/hnte-batches${qs({ provinceCode: province, pageSize: 50 })}`,
      ),
  });
  const chosen = batchId ?? batches.data?.data.items[0]?.batchId;
  const batch = batches.data?.data.items.find((b) => b.batchId === chosen);
  return (
    <Tabs
      items={[
        {
          key: 'applications',
          label: t('hnteProvince'),
          children: (
            <Space direction="vertical" style={{ width: '100%' }} size={16}>
              <Card size="small">
                <Space wrap>
                  <span>{t('batch')}</span>
                  <Select
                    aria-label={t('batch')}
                    style={{ minWidth: 320 }}
                    value={chosen}
                    onChange={setBatchId}
                    options={(batches.data?.data.items ?? []).map((b) => ({
                      value: b.batchId,
                      label: `${b.title} · ${b.batchId}`,
                    }))}
                  />
                  {batch ? (
                    <span>
                      {t('applicationWindow')} {batch.applicationOpensOn} — {batch.applicationClosesOn}；
                      {t('recommendationDue')} {batch.recommendationDueOn}
                    </span>
                  ) : null}
                </Space>
              </Card>
              {chosen ? <BatchApplications batchId={chosen} /> : null}
            </Space>
          ),
        },
        { key: 'certificates', label: t('certificates'), children: <CertificatesTable /> },
      ]}
    />
  );
}

function BatchApplications({ batchId }: { batchId: string }) {
  const t = useT();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { table } = useApplications({ batchId });
  const columns = useRowColumns();
  const act = useMutation({
    mutationFn: (a: { row: HnteApplicationRow; to: string }) =>
      api('certification', `/v1/hnte-applications/${a.row.batchId}/${a.row.uscc}/${a.to}`, {
        method: 'POST',
        body: {},
      }),
    onSuccess: () => {
      void message.success(t('done'));
      void client.invalidateQueries({ queryKey: ['hnte-applications'] });
      void client.invalidateQueries({ queryKey: ['hnte-certificates'] });
    },
  });
  return (
    <Card title={t('items')}>
      {act.error ? <Alert type="error" message={act.error.message} style={{ marginBottom: 12 }} /> : null}
      <Table<HnteApplicationRow>
        rowKey="applicationId"
        scroll={{ x: 'max-content' }}
        {...table}
        expandable={{ expandedRowRender: (r) => <ApplicationPanel row={r} /> }}
        columns={[
          ...columns,
          { title: t('average'), dataIndex: 'average', render: (a: string | null) => a ?? '—' },
          { title: t('noticeEndsOn'), dataIndex: 'noticeEndsOn', render: (d: string | null) => d ?? '—' },
          {
            title: t('actions'),
            render: (_: unknown, r) => {
              const next =
                r.status === 'approved' ? { to: 'certify', label: 'certify' as const } : NEXT[r.status];
              if (!next) return null;
              return (
                <Popconfirm title={t(next.label)} onConfirm={() => act.mutate({ row: r, to: next.to })}>
                  <Button type="primary" size="small" loading={act.isPending}>
                    {t(next.label)}
                  </Button>
                </Popconfirm>
              );
            },
          },
        ]}
      />
    </Card>
  );
}

function ApplicationPanel({ row }: { row: HnteApplicationRow }) {
  const t = useT();
  const q = useQuery({
    queryKey: ['hnte-application', row.batchId, row.uscc, row.status],
    queryFn: () => api<HnteApplication>('certification', `/v1/hnte-applications/${row.batchId}/${row.uscc}`),
  });
  const a = q.data?.data;
  if (!a) return <Skeleton active />;
  return (
    <Descriptions size="small" bordered column={1}>
      <Descriptions.Item label={t('panel')}>
        {a.panel
          ? a.panel.members.map((m) => (
              <Tag key={m.expertId} color={a.scores[m.expertId] ? 'green' : undefined}>
                {m.expertId}（
                {m.role === 'financial'
                  ? t.lang === 'zh'
                    ? '财务'
                    : 'financial'
                  : t.lang === 'zh'
                    ? '技术'
                    : 'technical'}
                ）{a.scores[m.expertId] ? ` ${a.scores[m.expertId]!.total}` : ''}
              </Tag>
            ))
          : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('objections')}>
        {a.notice
          ? Object.entries(a.notice.objections).map(([id, o]) => <Tag key={id}>{t.status(o)}</Tag>)
          : '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}

function CertificatesTable() {
  const t = useT();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const q = useQuery({
    queryKey: ['hnte-certificates', paging],
    queryFn: () => api<Page<CertificateRow>>('certification', `/v1/hnte-certificates${qs(paging)}`),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title={t('certificates')}>
      <Table<CertificateRow>
        rowKey="certificateNumber"
        {...serverTable(q, paging, setPaging)}
        columns={[
          { title: t('certificateNumber'), dataIndex: 'certificateNumber' },
          { title: t('name'), dataIndex: 'name' },
          { title: t('uscc'), dataIndex: 'uscc' },
          { title: t('issuedOn'), dataIndex: 'issuedOn' },
          { title: t('validUntil'), dataIndex: 'validUntil' },
          {
            title: t('status'),
            dataIndex: 'state',
            render: (s: string) => <Tag color={s === 'valid' ? 'green' : 'default'}>{t.status(s)}</Tag>,
          },
        ]}
      />
    </Card>
  );
}

const SCORE_TEXT: Record<string, [string, string]> = {
  'ip.advancement': ['知识产权：技术的先进程度', 'IP: advancement'],
  'ip.coreSupport': ['知识产权：对主要产品（服务）的核心支持作用', 'IP: core support'],
  'ip.quantity': ['知识产权：数量', 'IP: quantity'],
  'ip.acquisition': ['知识产权：获得方式', 'IP: acquisition'],
  'ip.bonus': ['知识产权：参与标准制定（加分）', 'IP: standards (bonus)'],
  conversion: ['科技成果转化能力', 'Conversion of results'],
  'organisation.management': ['研究开发组织管理：管理制度', 'R&D organisation: management'],
  'organisation.institution': ['研究开发组织管理：研发机构', 'R&D organisation: institution'],
  'organisation.incentives': ['研究开发组织管理：成果转化激励', 'R&D organisation: incentives'],
  'organisation.training': ['研究开发组织管理：人才培养与评价', 'R&D organisation: training'],
  netAssetGrowth: ['净资产增长率', 'Net asset growth'],
  salesGrowth: ['销售收入增长率', 'Sales growth'],
};
/** Why a range (the certification service names it in English): the data's grade, or the item's maximum. */
const BASIS_TEXT: Record<string, [string, string]> = {
  'data-derived grade': ['按企业数据确定的档次', 'data-derived grade'],
  'item maximum': ['本项满分', 'item maximum'],
  'manual review (no published rule)': ['专家判断（无公开规则）', 'manual review (no published rule)'],
};
const TECH_ITEMS = Object.keys(SCORE_TEXT).filter((k) => !k.endsWith('Growth'));
const FIN_ITEMS = ['netAssetGrowth', 'salesGrowth'];

/** Item key `ip.quantity` → the sheet `{ ip: { quantity } }` ScoreBody takes. */
function sheetOf(role: 'technical' | 'financial', v: Record<string, number | undefined>) {
  const sheet: Record<string, unknown> = { role };
  for (const [k, x] of Object.entries(v)) {
    const [a, b] = k.split('.');
    if (b) sheet[a!] = { ...(sheet[a!] as object), [b]: x };
    else sheet[a!] = x;
  }
  return { sheet };
}

/** 专家评审: the applications whose panel names this expert; a scoring form with each item's allowed range. */
export function HnteExpertPage() {
  const t = useT();
  const { table } = useApplications({});
  const columns = useRowColumns();
  const [open, setOpen] = useState<HnteApplicationRow | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card title={t('hnteExpert')}>
        <Table<HnteApplicationRow>
          rowKey="applicationId"
          scroll={{ x: 'max-content' }}
          {...table}
          columns={[
            ...columns,
            {
              title: t('actions'),
              render: (_: unknown, r) => (
                <Button type="link" onClick={() => setOpen(r)}>
                  {t('score')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {open ? <ScoreForm row={open} onDone={() => navigate('/expert/applications')} /> : null}
    </Space>
  );
}

function ScoreForm({ row, onDone }: { row: HnteApplicationRow; onDone: () => void }) {
  const t = useT();
  const i = t.lang === 'zh' ? 0 : 1;
  const client = useQueryClient();
  const { message } = App.useApp();
  const me = getSession()?.principal.sub;
  const path = `/v1/hnte-applications/${row.batchId}/${row.uscc}`;
  const [form] = Form.useForm<Record<string, number>>();
  const q = useQuery({
    queryKey: ['hnte-application', row.batchId, row.uscc],
    queryFn: () => api<HnteApplication>('certification', path),
  });
  const a = q.data?.data;
  const role = a?.panel?.members.find((m) => m.expertId === me)?.role ?? 'technical';
  const items = role === 'financial' ? FIN_ITEMS : TECH_ITEMS;
  const score = useMutation({
    mutationFn: (v: Record<string, number>) =>
      api('certification', `${path}/scores`, { method: 'POST', body: sheetOf(role, v) }),
    onSuccess: () => {
      void message.success(t('scored'));
      void client.invalidateQueries({ queryKey: ['hnte-application'] });
      onDone();
    },
    onError: (e) => {
      if (e instanceof ProblemError)
        form.setFields(
          fieldErrorsFor(e.problem.errors, '/body/sheet/', t.lang).map((f) => ({
            ...f,
            name: [f.name.join('.')],
          })) as never,
        );
    },
  });
  if (!a) return <Skeleton active />;
  const mine = me ? a.scores[me] : undefined;
  return (
    <Card title={`${t('scoreSheet')} · ${row.uscc}`} data-testid="score-sheet">
      <PrecheckTable app={a} />
      {mine ? (
        <Alert type="success" style={{ marginTop: 16 }} message={`${t('scored')}：${mine.total}`} />
      ) : (
        <Form
          form={form}
          layout="horizontal"
          colon={false}
          labelCol={{ span: 10 }}
          style={{ marginTop: 16, maxWidth: 900 }}
          onFinish={(v) => score.mutate(v)}
        >
          {items.map((k) => {
            const r = a.scoreRanges?.[k];
            const label = `${SCORE_TEXT[k]![i]}（${t('allowed')} ${r ? `${r.min}–${r.max}` : '—'}）`;
            return (
              <Form.Item
                key={k}
                label={label}
                name={k}
                extra={r ? `${t('basis')}：${BASIS_TEXT[r.basis]?.[i] ?? r.basis}` : undefined}
                rules={[
                  zodRule(
                    ScoreBody,
                    (v: Record<string, number | undefined>) => sheetOf(role, v),
                    ['sheet', ...k.split('.')],
                    { lang: t.lang },
                  ),
                  ...(r
                    ? [
                        {
                          type: 'number' as const,
                          min: r.min,
                          max: r.max,
                          message: `${t('allowed')} ${r.min}–${r.max}`,
                        },
                      ]
                    : []),
                ]}
              >
                <InputNumber min={0} max={100} precision={0} />
              </Form.Item>
            );
          })}
          {score.error ? (
            <Alert type="error" message={score.error.message} style={{ marginBottom: 12 }} />
          ) : null}
          <Button type="primary" htmlType="submit" loading={score.isPending}>
            {t('submitScores')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
