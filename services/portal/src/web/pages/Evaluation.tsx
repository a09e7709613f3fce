import type { Evaluation as EvaluationState } from '@peiyu/assessment';
import { SmeFormInputSchema, SmeFormSchema, smeFormProblems, type SmeForm } from '@peiyu/contracts';
import type { TechSmeResult } from '@peiyu/policy';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Skeleton,
  Space,
  Statistic,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { Chart } from '../lib/Chart';
import { useDeferredValue, useEffect } from 'react';
import { useCampaignYear } from '../lib/config';
import { api, ProblemError } from '../lib/api';
import { useT } from '../lib/i18n';
import { useSession } from '../lib/session';
import { fieldErrorsFor, zodRule } from '../lib/zod-rules';

const COUNTS = ['employees', 'techStaff', 'ipClassI', 'ipClassII'] as const;
const MONEY = ['salesRevenue', 'totalAssets', 'rdExpense', 'totalCostExpense'] as const;
type DirectKey = keyof NonNullable<SmeForm['direct']>;
type ConditionKey = keyof NonNullable<SmeForm['conditions']>;
const DIRECT = Object.keys(SmeFormSchema.shape.direct.unwrap().shape) as DirectKey[];
const CONDITIONS = Object.keys(SmeFormSchema.shape.conditions.unwrap().shape) as ConditionKey[];

/** Labels of the 信息表's fields (typed by the schema's keys, so a new field cannot go unlabelled). */
const LABEL: Record<
  (typeof COUNTS)[number] | (typeof MONEY)[number] | DirectKey | ConditionKey,
  [string, string]
> = {
  employees: ['职工总数', 'Employees'],
  techStaff: ['科技人员数', 'Tech staff'],
  ipClassI: ['Ⅰ类知识产权数', 'Class I IP'],
  ipClassII: ['Ⅱ类知识产权数', 'Class II IP'],
  salesRevenue: ['上年销售收入', 'Sales revenue last year'],
  totalAssets: ['上年资产总额', 'Total assets last year'],
  rdExpense: ['上年研发费用', 'R&D expense last year'],
  totalCostExpense: ['上年成本费用总额', 'Total cost and expense last year'],
  nationalAwardTop3: ['近五年获国家级科技奖励（前三名）', 'National S&T award (top 3), last 5 years'],
  provincialRdInstitution: ['拥有省部级以上研发机构', 'Provincial or higher R&D institution'],
  ledStandard: ['主导制定国际/国家/行业标准', 'Led an international/national/industry standard'],
  restrictedIndustry: ['属于限制或淘汰类产业', 'Restricted or eliminated industry'],
  majorIncident: ['近一年发生重大安全、质量事故或严重环境违法', 'Major incident last year'],
  dishonest: ['被列入严重失信主体名单', 'On the serious dishonesty list'],
  nonResident: ['非居民企业', 'Non-resident enterprise'],
  superDeductionNegativeList: ['属于研发费用加计扣除负面清单行业', 'Super-deduction negative-list industry'],
  notAuditedAccounts: ['未实行查账征收', 'Not taxed on audited accounts'],
};

interface Values {
  employees?: number | null;
  techStaff?: number | null;
  ipClassI?: number | null;
  ipClassII?: number | null;
  salesRevenue?: number | null;
  totalAssets?: number | null;
  rdExpense?: number | null;
  totalCostExpense?: number | null;
  direct?: DirectKey[];
  conditions?: ConditionKey[];
  evidence?: string;
}

const flags = <K extends string>(keys: readonly K[] | undefined) =>
  keys && keys.length > 0
    ? (Object.fromEntries(keys.map((k) => [k, true])) as Partial<Record<K, boolean>>)
    : undefined;

/** The form in yuan as the API's form in fen (money is integer fen everywhere). */
function toForm(v: Values): Partial<SmeForm> {
  const out: Record<string, unknown> = {};
  for (const k of COUNTS) out[k] = v[k] ?? undefined;
  for (const k of MONEY) out[k] = v[k] == null ? undefined : Math.round(v[k]! * 100);
  const direct = flags(v.direct);
  const conditions = flags(v.conditions);
  if (direct) out.direct = direct;
  if (conditions) out.conditions = conditions;
  out.evidence = (v.evidence ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return out as Partial<SmeForm>;
}

function fromForm(f: SmeForm): Values {
  const v: Values = {};
  for (const k of COUNTS) v[k] = f[k];
  for (const k of MONEY) v[k] = f[k] / 100;
  v.direct = DIRECT.filter((k) => f.direct?.[k]);
  v.conditions = CONDITIONS.filter((k) => f.conditions?.[k]);
  v.evidence = f.evidence.join('\n');
  return v;
}

type EvaluationView = EvaluationState & {
  version: number;
  registrationNumber: string | null;
  validUntil: string | null;
};
const EDITABLE = new Set(['draft', 'returned']);

/** The tech-SME 信息表 with the live score preview, submit, corrections, timeline and registration number. */
export function EvaluationPage() {
  const t = useT();
  const i = t.lang === 'zh' ? 0 : 1;
  const session = useSession()!;
  const uscc = session.principal.uscc ?? '';
  const year = useCampaignYear() ?? 0;
  const path = `/v1/sme-evaluations/${uscc}/${year}`;
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const q = useQuery({
    queryKey: ['evaluation', uscc, year],
    enabled: year > 0,
    queryFn: async () => {
      try {
        return await api<EvaluationView>('assessment', path);
      } catch (err) {
        if (err instanceof ProblemError && err.problem.status === 404) return null;
        throw err;
      }
    },
  });
  const evaluation = q.data?.data ?? null;
  useEffect(() => {
    if (evaluation) form.setFieldsValue(fromForm(evaluation.form));
  }, [evaluation, form]);

  // Live preview: every valid state of the form is scored by the service (nothing saved).
  const watched = Form.useWatch([], form) as Values | undefined;
  const candidate = useDeferredValue(watched ? toForm(watched) : undefined);
  const parsed = candidate ? SmeFormInputSchema.safeParse(candidate) : undefined;
  const previewInput = parsed?.success ? (({ evidence: _e, ...rest }) => rest)(parsed.data) : null;
  const preview = useQuery({
    queryKey: ['preview', year, previewInput],
    enabled: previewInput !== null && year > 0,
    queryFn: async () =>
      (
        await api<TechSmeResult>('assessment', `/v1/sme-evaluations/preview?year=${year}`, {
          method: 'POST',
          body: previewInput,
        })
      ).data,
  });

  const onError = (err: Error) => {
    if (err instanceof ProblemError)
      form.setFields(fieldErrorsFor(err.problem.errors, '/body/form/', t.lang) as never);
  };
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const body = { form: toForm(v) };
      if (!evaluation)
        return api<EvaluationView>('assessment', '/v1/sme-evaluations', {
          method: 'POST',
          body: { year, ...body },
        });
      return api<EvaluationView>('assessment', `${path}/form`, {
        method: 'PUT',
        body,
        headers: q.data?.etag ? { 'if-match': q.data.etag } : {},
      });
    },
    onSuccess: () => {
      void message.success(t('saved'));
      void client.invalidateQueries({ queryKey: ['evaluation', uscc, year] });
    },
    onError,
  });
  const submit = useMutation({
    mutationFn: async () => {
      await save.mutateAsync(form.getFieldsValue(true));
      return api('assessment', `${path}/submit`, { method: 'POST', body: {} });
    },
    onSuccess: () => {
      void message.success(t('done'));
      void client.invalidateQueries({ queryKey: ['evaluation', uscc, year] });
    },
    onError,
  });

  if (q.isLoading || year === 0) return <Skeleton active />;
  const status = evaluation?.status ?? null;
  const editable = status === null || EDITABLE.has(status);
  const rule = (k: string) =>
    zodRule(SmeFormInputSchema, toForm, [k], { lang: t.lang, problems: smeFormProblems });
  const money = (k: (typeof MONEY)[number]) => (
    <Form.Item
      key={k}
      label={`${LABEL[k][i]}（${t('yuan')}）`}
      name={k}
      rules={[rule(k)]}
      dependencies={k === 'rdExpense' ? ['totalCostExpense'] : []}
    >
      <InputNumber min={0} precision={2} style={{ width: '100%' }} disabled={!editable} />
    </Form.Item>
  );
  const count = (k: (typeof COUNTS)[number]) => (
    <Form.Item
      key={k}
      label={LABEL[k][i]}
      name={k}
      rules={[rule(k)]}
      dependencies={k === 'techStaff' ? ['employees'] : []}
    >
      <InputNumber min={0} precision={0} style={{ width: '100%' }} disabled={!editable} />
    </Form.Item>
  );
  const error = save.error ?? submit.error;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card
          title={`${t('evaluation')} · ${year}`}
          extra={
            status ? (
              <Tag color={status === 'returned' ? 'red' : 'blue'} data-testid="status">
                {t.status(status)}
              </Tag>
            ) : (
              <Tag>{t('noEvaluation')}</Tag>
            )
          }
        >
          {evaluation?.status === 'returned' && evaluation.corrections.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('corrections')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="corrections">
                  {evaluation.corrections.map((c) => (
                    <li key={c.item}>{c.comment}</li>
                  ))}
                </ul>
              }
            />
          ) : null}
          {error ? (
            <Alert type="error" showIcon message={error.message} style={{ marginBottom: 16 }} />
          ) : null}
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={(v) => save.mutate(v)}
            initialValues={{ evidence: '' }}
          >
            <Row gutter={12}>
              {[...COUNTS.slice(0, 2), ...MONEY, ...COUNTS.slice(2)].map((k) => (
                <Col xs={24} sm={12} key={k}>
                  {(MONEY as readonly string[]).includes(k)
                    ? money(k as (typeof MONEY)[number])
                    : count(k as (typeof COUNTS)[number])}
                </Col>
              ))}
            </Row>
            <Form.Item label={t('qualifiedByDirect')} name="direct">
              <Checkbox.Group
                disabled={!editable}
                options={DIRECT.map((k) => ({ value: k, label: LABEL[k][i] }))}
              />
            </Form.Item>
            <Form.Item
              label={
                t.lang === 'zh'
                  ? '限制性条件（如有请勾选）'
                  : 'Disqualifying conditions (tick any that apply)'
              }
              name="conditions"
            >
              <Checkbox.Group
                disabled={!editable}
                options={CONDITIONS.map((k) => ({ value: k, label: LABEL[k][i] }))}
              />
            </Form.Item>
            <Form.Item
              label={t('evidence')}
              name="evidence"
              extra={t('evidenceHint')}
              rules={[rule('evidence')]}
            >
              <Input.TextArea rows={3} disabled={!editable} />
            </Form.Item>
            {editable ? (
              <Space wrap>
                <Button htmlType="submit" loading={save.isPending}>
                  {status === 'returned' ? t('saveCorrection') : t('saveDraft')}
                </Button>
                <Button
                  type="primary"
                  loading={submit.isPending}
                  onClick={() =>
                    void form.validateFields().then(
                      () => submit.mutate(),
                      () => undefined,
                    )
                  }
                >
                  {t('submit')}
                </Button>
              </Space>
            ) : null}
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Space direction="vertical" style={{ width: '100%' }} size={16}>
          {evaluation?.registrationNumber ? (
            <Result
              status="success"
              title={t.status('entered')}
              subTitle={
                <span data-testid="registration-number">
                  {t('registrationNumber')}：{evaluation.registrationNumber} · {t('validUntil')}{' '}
                  {evaluation.validUntil}
                </span>
              }
            />
          ) : null}
          <PreviewCard result={preview.data} loading={preview.isFetching} stale={previewInput === null} />
          {evaluation ? (
            <Card title={t('timeline')} size="small">
              <Timeline
                items={evaluation.history.map((h) => ({
                  children: `${h.on} ${t.status(h.status)}`,
                  color:
                    h.status === 'returned' || h.status === 'rejected'
                      ? 'red'
                      : h.status === 'entered'
                        ? 'green'
                        : 'blue',
                }))}
              />
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('dueOn')}>{evaluation.dueOn ?? '—'}</Descriptions.Item>
              </Descriptions>
            </Card>
          ) : null}
        </Space>
      </Col>
    </Row>
  );
}

/** The score, its parts as a chart, and each rule step with its legal reference (the trace explained). */
function PreviewCard({
  result,
  loading,
  stale,
}: {
  result: TechSmeResult | undefined;
  loading: boolean;
  stale: boolean;
}) {
  const t = useT();
  const zh = t.lang === 'zh';
  if (!result) return <Card title={t('preview')} size="small" loading={loading} />;
  const parts: Array<[string, number]> = [
    [zh ? '科技人员' : 'Tech staff', result.points.techStaff],
    [zh ? '研发投入' : 'R&D input', result.points.rdInput],
    [zh ? '科技成果' : 'IP', result.points.ip],
  ];
  return (
    <Card title={t('preview')} size="small" loading={loading && !result} style={{ opacity: stale ? 0.6 : 1 }}>
      <Space size="large" wrap>
        <Statistic
          title={t('total')}
          value={result.points.total}
          suffix="/ 100"
          data-testid="preview-total"
        />
        <Tag color={result.eligible ? 'green' : 'red'} style={{ fontSize: 14, padding: '4px 8px' }}>
          {result.eligible
            ? result.qualifiedBy === 'direct'
              ? t('qualifiedByDirect')
              : t('qualifiedByScore')
            : t('notEligible')}
        </Tag>
      </Space>
      <Chart
        style={{ height: 160 }}
        option={{
          grid: { left: 80, right: 24, top: 8, bottom: 24 },
          xAxis: { type: 'value', max: 100 },
          yAxis: { type: 'category', data: parts.map((p) => p[0]) },
          series: [{ type: 'bar', data: parts.map((p) => p[1]), label: { show: true, position: 'right' } }],
        }}
      />
      {result.reasons.length > 0 ? (
        <Alert
          type="warning"
          style={{ margin: '8px 0' }}
          message={result.reasons.map((r) => r.split(':').slice(1).join(':') || r).join('；')}
        />
      ) : null}
      <Typography.Title level={5}>{t('trace')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {result.trace.ruleSetId} · {result.trace.legalReference}
      </Typography.Paragraph>
      <ol style={{ paddingInlineStart: 20, margin: 0 }}>
        {result.trace.steps.map((s, n) => (
          <li key={`${s.rule}-${n}`} style={{ marginBottom: 6 }}>
            <Typography.Text strong>{s.ref}</Typography.Text>{' '}
            <Typography.Text type="secondary">({s.rule})</Typography.Text>
            <div style={{ fontSize: 12 }}>
              {Object.entries({ ...s.inputs, ...s.values })
                .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
                .map(([k, v]) => `${k} = ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
                .join('，')}
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
