import { AllocateBudgetBody, DisburseShareBody, WhatIfBody } from '@peiyu/subsidy/schemas';
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
  InputNumber,
  Modal,
  Progress,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { api, type Page, ProblemError, qs } from '../lib/api';
import { Chart } from '../lib/Chart';
import { useCampaignYear } from '../lib/config';
import { useT } from '../lib/i18n';
import { toFen, yuan } from '../lib/money';
import { getSession } from '../lib/session';
import { fieldErrorsFor, zodRule } from '../lib/zod-rules';
import { serverTable } from '../lib/server-table';

type Level = 'province' | 'city' | 'county';
interface Share {
  level: Level;
  regionCode: string;
  ledgerId: string;
  requested: number;
  status: string;
  approved: number;
  disbursed: number;
  paymentRef: string | null;
}
interface EntitlementRow {
  entitlementId: string;
  uscc: string;
  policyId: string | null;
  status: string;
  example: boolean;
  factDate: string | null;
  budgetYear: number | null;
  countyCode: string | null;
  amount: number | null;
  levels: Partial<Record<Level, Share>>;
}
interface Entitlement extends EntitlementRow {
  explanation?: string[];
}
interface LedgerRow {
  ledgerId: string;
  level: Level;
  regionCode: string;
  policyId: string;
  budgetYear: number;
  allocated: number;
  consumed: number;
  remaining: number;
  disbursed: number;
  shares: number;
}

const POLICY_TEXT: Record<string, [string, string]> = {
  'tsme-entry-award/city': ['科技型中小企业入库奖励（市级）', 'Tech-SME entry award (city)'],
  'tsme-entry-award/county': ['科技型中小企业入库奖励（县级）', 'Tech-SME entry award (county)'],
  'hnte-award/city': ['高新技术企业认定奖励（市级）', 'HNTE award (city)'],
  'hnte-award/county': ['高新技术企业认定奖励（区县级）', 'HNTE award (district)'],
  'rd-subsidy': ['研发费用补助', 'R&D subsidy'],
};
const LEVEL_TEXT: Record<Level, [string, string]> = {
  province: ['省级', 'Province'],
  city: ['市级', 'City'],
  county: ['县级', 'County'],
};
const SHARE_TEXT: Record<string, [string, string]> = {
  pending: ['待审批', 'Pending'],
  approved: ['已审批，待拨付', 'Approved'],
  reduced: ['按比例核减', 'Reduced pro rata'],
  disbursed: ['已拨付', 'Disbursed'],
  withdrawn: ['已撤回', 'Withdrawn'],
  'clawback-ordered': ['责令追回', 'Clawback ordered'],
  recovered: ['已追回', 'Recovered'],
};
const SHARE_COLOR: Record<string, string> = {
  pending: 'orange',
  approved: 'blue',
  disbursed: 'green',
  'clawback-ordered': 'red',
};

function useLabels() {
  const t = useT();
  const i = t.lang === 'zh' ? 0 : 1;
  return {
    t,
    i,
    policy: (p: string | null) => (p ? (POLICY_TEXT[p]?.[i] ?? p) : '—'),
    level: (l: Level) => LEVEL_TEXT[l][i],
    share: (s: string) => <Tag color={SHARE_COLOR[s]}>{SHARE_TEXT[s]?.[i] ?? s}</Tag>,
    money: (f: number | null | undefined) => yuan(f, t.lang),
  };
}

/** `{ledger}` in the API: the ledger's stream id without its prefix. */
const ledgerRef = (streamId: string) => streamId.replace(/^subsidy-ledger-/, '');

/** A finance account's level, from its division code (province 410000, city 410400, county 410402). */
export function levelOf(region: string | undefined): Level {
  if (!region || region.endsWith('0000')) return 'province';
  return region.endsWith('00') ? 'city' : 'county';
}

/** Server paging and sorting of `GET /v1/entitlements`. */
function useEntitlements(filters: Record<string, string | number | undefined> = {}) {
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const [sort, setSort] = useState<string | undefined>();
  const q = useQuery({
    queryKey: ['entitlements', filters, paging, sort],
    queryFn: () =>
      api<Page<EntitlementRow>>('subsidy', `/v1/entitlements${qs({ ...filters, ...paging, sort })}`),
    placeholderData: keepPreviousData,
  });
  return {
    q,
    table: {
      loading: q.isFetching,
      dataSource: q.data?.data.items ?? [],
      pagination: { current: paging.page, pageSize: paging.pageSize, total: q.data?.data.total ?? 0 },
      onChange: (
        p: { current?: number; pageSize?: number },
        _f: unknown,
        s: SorterResult<EntitlementRow> | SorterResult<EntitlementRow>[],
      ) => {
        setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? 10 });
        const one = Array.isArray(s) ? s[0] : s;
        setSort(one?.order ? `${one.order === 'descend' ? '-' : ''}${String(one.field)}` : undefined);
      },
    },
  };
}

/** 补助与奖励 (enterprise): its entitlements, each with the plain-Chinese explanation and payment per level. */
export function EntitlementsPage() {
  const { t, policy, money } = useLabels();
  const { table } = useEntitlements();
  return (
    <Card title={t('entitlements')}>
      <Table<EntitlementRow>
        rowKey="entitlementId"
        tableLayout="fixed"
        {...table}
        // Every entitlement open: the explanation and the payment per level are what the enterprise came for.
        expandable={{
          expandedRowRender: (r) => <EntitlementDetail id={r.entitlementId} />,
          expandedRowKeys: table.dataSource.map((r) => r.entitlementId),
          showExpandColumn: false,
        }}
        columns={[
          {
            title: t('policy'),
            dataIndex: 'policyId',
            sorter: true,
            render: (p: string | null, r) => (
              <Space>
                {policy(p)}
                {r.example ? <Tag color="gold">{t('example')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('factDate'), dataIndex: 'factDate', sorter: true },
          { title: t('amount'), dataIndex: 'amount', sorter: true, render: money },
          { title: t('status'), dataIndex: 'status', render: (s: string) => t.status(s) },
        ]}
      />
    </Card>
  );
}

function EntitlementDetail({ id }: { id: string }) {
  const { t, level, share, money } = useLabels();
  const q = useQuery({
    queryKey: ['entitlement', id],
    queryFn: () => api<Entitlement>('subsidy', `/v1/entitlements/${encodeURIComponent(id)}`),
  });
  const e = q.data?.data;
  if (!e) return <Skeleton active />;
  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Typography.Title level={5}>{t('explanation')}</Typography.Title>
        <ol data-testid="explanation" style={{ paddingLeft: 20, margin: 0 }}>
          {(e.explanation ?? []).map((line, n) => (
            <li key={n}>{line}</li>
          ))}
        </ol>
      </Col>
      <Col xs={24} lg={10}>
        <Typography.Title level={5}>{t('paymentStatus')}</Typography.Title>
        <Table<Share>
          rowKey="level"
          size="small"
          pagination={false}
          dataSource={Object.values(e.levels)}
          columns={[
            { title: t('level'), dataIndex: 'level', render: level },
            { title: t('requested'), dataIndex: 'requested', render: money },
            { title: t('status'), dataIndex: 'status', render: share },
            { title: t('paymentRef'), dataIndex: 'paymentRef', render: (r: string | null) => r ?? '—' },
          ]}
        />
      </Col>
    </Row>
  );
}

/** 财政: its level's approval queue and disbursements, budgets with consumption, and the what-if simulator. */
export function FinancePage() {
  const { t } = useLabels();
  return (
    <Tabs
      items={[
        { key: 'queue', label: t('approvalQueue'), children: <ApprovalQueue /> },
        { key: 'ledgers', label: t('ledgers'), children: <Ledgers /> },
        { key: 'what-if', label: t('whatIf'), children: <WhatIf /> },
      ]}
    />
  );
}

function ApprovalQueue() {
  const { t, policy, money, share } = useLabels();
  const client = useQueryClient();
  const { message } = App.useApp();
  const mine = levelOf(getSession()?.principal.region);
  const { table } = useEntitlements({ status: 'calculated' });
  const [paying, setPaying] = useState<{ ledgerId: string; entitlementId: string } | null>(null);
  const act = useMutation({
    mutationFn: (a: { ledgerId: string; to: 'approvals' | 'disbursements'; body: object }) =>
      api('subsidy', `/v1/ledgers/${encodeURIComponent(ledgerRef(a.ledgerId))}/${a.to}`, {
        method: 'POST',
        body: a.body,
      }),
    onSuccess: () => {
      void message.success(t('done'));
      setPaying(null);
      void client.invalidateQueries({ queryKey: ['entitlements'] });
      void client.invalidateQueries({ queryKey: ['ledgers'] });
    },
  });
  return (
    <Card title={`${t('approvalQueue')} · ${LEVEL_TEXT[mine][t.lang === 'zh' ? 0 : 1]}`}>
      {act.error ? <Alert type="error" message={act.error.message} style={{ marginBottom: 12 }} /> : null}
      <Table<EntitlementRow>
        rowKey="entitlementId"
        scroll={{ x: 'max-content' }}
        {...table}
        columns={[
          { title: t('uscc'), dataIndex: 'uscc', sorter: true },
          { title: t('policy'), dataIndex: 'policyId', sorter: true, render: policy },
          { title: t('factDate'), dataIndex: 'factDate', sorter: true },
          { title: t('requested'), render: (_: unknown, r) => money(r.levels[mine]?.requested) },
          {
            title: t('status'),
            render: (_: unknown, r) => (r.levels[mine] ? share(r.levels[mine].status) : '—'),
          },
          { title: t('paymentRef'), render: (_: unknown, r) => r.levels[mine]?.paymentRef ?? '—' },
          {
            title: t('actions'),
            render: (_: unknown, r) => {
              const s = r.levels[mine];
              if (s?.status === 'pending')
                return (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() =>
                      act.mutate({
                        ledgerId: s.ledgerId,
                        to: 'approvals',
                        body: { entitlementId: r.entitlementId },
                      })
                    }
                  >
                    {t('approve')}
                  </Button>
                );
              if (s?.status === 'approved' || s?.status === 'reduced')
                return (
                  <Button
                    size="small"
                    onClick={() => setPaying({ ledgerId: s.ledgerId, entitlementId: r.entitlementId })}
                  >
                    {t('disburse')}
                  </Button>
                );
              return null;
            },
          },
        ]}
      />
      {paying ? (
        <Modal open title={t('disburse')} onCancel={() => setPaying(null)} footer={null}>
          <DisburseForm
            onSubmit={(paymentRef) =>
              act.mutate({
                ledgerId: paying.ledgerId,
                to: 'disbursements',
                body: { entitlementId: paying.entitlementId, paymentRef },
              })
            }
            pending={act.isPending}
            entitlementId={paying.entitlementId}
          />
        </Modal>
      ) : null}
    </Card>
  );
}

function DisburseForm({
  entitlementId,
  onSubmit,
  pending,
}: {
  entitlementId: string;
  onSubmit: (ref: string) => void;
  pending: boolean;
}) {
  const t = useT();
  return (
    <Form layout="vertical" onFinish={(v: { paymentRef: string }) => onSubmit(v.paymentRef.trim())}>
      <Form.Item
        label={t('paymentRef')}
        name="paymentRef"
        rules={[
          zodRule(
            DisburseShareBody,
            (v: { paymentRef?: string }) => ({ entitlementId, paymentRef: v.paymentRef }),
            ['paymentRef'],
            { lang: t.lang },
          ),
        ]}
      >
        <Input />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending}>
        {t('disburse')}
      </Button>
    </Form>
  );
}

function Ledgers() {
  const { t, policy, level, money } = useLabels();
  const client = useQueryClient();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const q = useQuery({
    queryKey: ['ledgers', paging],
    queryFn: () => api<Page<LedgerRow>>('subsidy', `/v1/ledgers${qs(paging)}`),
    placeholderData: keepPreviousData,
  });
  // Ledgers a level will pay from: those with a budget, and those its pending shares name.
  const shares = useEntitlements({ status: 'calculated' });
  const mine = levelOf(getSession()?.principal.region);
  const known = useMemo(() => {
    const ids = new Set((q.data?.data.items ?? []).map((l) => l.ledgerId));
    for (const e of shares.q.data?.data.items ?? []) if (e.levels[mine]) ids.add(e.levels[mine].ledgerId);
    return [...ids];
  }, [q.data, shares.q.data, mine]);
  const [form] = Form.useForm<{ ledgerId: string; amount: number; reference: string }>();
  const allocate = useMutation({
    mutationFn: (v: { ledgerId: string; amount: number; reference: string }) =>
      api('subsidy', `/v1/ledgers/${encodeURIComponent(ledgerRef(v.ledgerId))}/budget`, {
        method: 'POST',
        body: { amount: toFen(v.amount), reference: v.reference },
      }),
    onSuccess: () => {
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['ledgers'] });
    },
    onError: (e) => {
      if (e instanceof ProblemError)
        form.setFields(fieldErrorsFor(e.problem.errors, '/body/', t.lang) as never);
    },
  });
  const rule = (f: 'amount' | 'reference') =>
    zodRule(
      AllocateBudgetBody,
      (v: { amount?: number; reference?: string }) => ({ amount: toFen(v.amount), reference: v.reference }),
      [f],
      { lang: t.lang },
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card title={t('ledgers')}>
        <Table<LedgerRow>
          rowKey="ledgerId"
          {...serverTable(q, paging, setPaging)}
          columns={[
            { title: t('policy'), dataIndex: 'policyId', render: policy },
            { title: t('level'), dataIndex: 'level', render: level },
            { title: t('region'), dataIndex: 'regionCode' },
            { title: t('year'), dataIndex: 'budgetYear' },
            { title: t('allocated'), dataIndex: 'allocated', render: money },
            { title: t('consumed'), dataIndex: 'consumed', render: money },
            { title: t('disbursed'), dataIndex: 'disbursed', render: money },
            { title: t('remaining'), dataIndex: 'remaining', render: money },
            {
              title: '%',
              render: (_: unknown, l) => (
                <Progress
                  style={{ width: 120 }}
                  size="small"
                  percent={l.allocated ? Math.round((l.consumed / l.allocated) * 100) : 0}
                />
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('allocate')}>
        {allocate.error ? (
          <Alert type="error" message={allocate.error.message} style={{ marginBottom: 12 }} />
        ) : null}
        <Form form={form} layout="inline" style={{ rowGap: 8 }} onFinish={(v) => allocate.mutate(v)}>
          <Form.Item label={t('ledgers')} name="ledgerId" rules={[{ required: true }]}>
            <Select
              style={{ minWidth: 320 }}
              options={known.map((id) => ({ value: id, label: ledgerRef(id) }))}
            />
          </Form.Item>
          <Form.Item label={`${t('amount')}（${t('yuan')}）`} name="amount" rules={[rule('amount')]}>
            <InputNumber style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label={t('reference')} name="reference" rules={[rule('reference')]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={allocate.isPending}>
            {t('allocate')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}

interface Money {
  amount: number;
  province: number;
  city: number;
  county: number;
}
interface Comparison {
  actual: Money;
  simulated: Money;
}
interface WhatIfResult {
  facts: number;
  unmatched: number;
  total: Comparison;
  byPolicy: Record<string, Comparison>;
  byCounty: Record<string, Comparison>;
  topChanges: Array<{ uscc: string; actual: number; simulated: number; delta: number }>;
}
interface WhatIfTyped {
  from?: string;
  to?: string;
  province?: string;
  city?: string;
  parameters?: string;
}

/** The simulator's typed values → WhatIfBody (the service's own schema checks the request as typed). */
function whatIfBody(v: WhatIfTyped): unknown {
  let parameters: unknown;
  try {
    parameters = v.parameters?.trim() ? JSON.parse(v.parameters) : undefined;
  } catch {
    parameters = v.parameters;
  }
  return {
    from: v.from,
    to: v.to,
    overlay: {
      ...(v.province || v.city ? { shares: { province: v.province ?? '0', city: v.city ?? '0' } } : {}),
      ...(parameters === undefined ? {} : { parameters }),
    },
  };
}

function WhatIf() {
  const { t, policy, money } = useLabels();
  const year = useCampaignYear();
  const [form] = Form.useForm<WhatIfTyped>();
  const run = useMutation({
    mutationFn: (v: WhatIfTyped) =>
      api<WhatIfResult>('subsidy', '/v1/what-if', { method: 'POST', body: whatIfBody(v) }),
  });
  const rule = (...path: string[]) => zodRule(WhatIfBody, whatIfBody as never, path, { lang: t.lang });
  const r = run.data?.data;
  const option = useMemo(() => {
    const counties = r ? Object.keys(r.byCounty).sort() : [];
    return {
      tooltip: { trigger: 'axis' as const },
      legend: { top: 0, data: [t('actual'), t('simulated')] },
      grid: { left: 80, right: 24, bottom: 32, top: 40 },
      xAxis: { type: 'category' as const, data: counties },
      yAxis: { type: 'value' as const, name: t('yuan') },
      series: [
        {
          name: t('actual'),
          type: 'bar' as const,
          data: counties.map((c) => r!.byCounty[c]!.actual.amount / 100),
        },
        {
          name: t('simulated'),
          type: 'bar' as const,
          data: counties.map((c) => r!.byCounty[c]!.simulated.amount / 100),
        },
      ],
    };
  }, [r, t]);
  if (!year) return <Skeleton active />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card title={t('whatIf')}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ from: `${year}-01-01`, to: `${year}-12-31` }}
          onFinish={(v) => run.mutate(v)}
        >
          <Row gutter={16}>
            <Col xs={12} md={4}>
              <Form.Item label={t('from')} name="from" rules={[rule('from')]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('to')} name="to" rules={[rule('to')]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                label={t('provinceShare')}
                name="province"
                rules={[rule('overlay', 'shares', 'province')]}
              >
                <Input placeholder="2/5" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('cityShare')} name="city" rules={[rule('overlay', 'shares', 'city')]}>
                <Input placeholder="1/5" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('parameters')} name="parameters" rules={[rule('overlay', 'parameters')]}>
                <Input.TextArea rows={2} placeholder='{"hnte-award/city": {"recertification": 10000000}}' />
              </Form.Item>
            </Col>
          </Row>
          {run.error ? <Alert type="error" message={run.error.message} style={{ marginBottom: 12 }} /> : null}
          <Button type="primary" htmlType="submit" loading={run.isPending}>
            {t('simulate')}
          </Button>
        </Form>
      </Card>
      {r ? (
        <Card title={t('byCounty')} data-testid="what-if-result">
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={8}>
              <Statistic title={t('actual')} value={money(r.total.actual.amount)} />
            </Col>
            <Col span={8}>
              <Statistic title={t('simulated')} value={money(r.total.simulated.amount)} />
            </Col>
            <Col span={8}>
              <Statistic title={t('delta')} value={money(r.total.simulated.amount - r.total.actual.amount)} />
            </Col>
          </Row>
          <Chart option={option} style={{ height: 300 }} />
          <Row gutter={16} style={{ marginTop: 16 }}>
            <Col xs={24} lg={12}>
              <Table
                size="small"
                rowKey="policy"
                pagination={false}
                dataSource={Object.entries(r.byPolicy).map(([p, c]) => ({ policy: p, ...c }))}
                columns={[
                  { title: t('policy'), dataIndex: 'policy', render: policy },
                  { title: t('actual'), render: (_: unknown, c: Comparison) => money(c.actual.amount) },
                  { title: t('simulated'), render: (_: unknown, c: Comparison) => money(c.simulated.amount) },
                ]}
              />
            </Col>
            <Col xs={24} lg={12}>
              <Descriptions size="small" title={t('topChanges')} column={1}>
                {r.topChanges.map((c) => (
                  <Descriptions.Item key={c.uscc} label={c.uscc}>
                    {money(c.actual)} → {money(c.simulated)}（{money(c.delta)}）
                  </Descriptions.Item>
                ))}
              </Descriptions>
            </Col>
          </Row>
        </Card>
      ) : null}
    </Space>
  );
}
