import { HnteApplicationFormSchema } from '@peiyu/certification/schemas';
import { HNTE_FIELDS, IP_ACQUISITIONS, IP_KINDS } from '@peiyu/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Tag,
} from 'antd';
import { api, type Page, ProblemError } from '../lib/api';
import { useT } from '../lib/i18n';
import { toFen, yuan } from '../lib/money';
import { getSession } from '../lib/session';
import { fieldErrorsFor, zodRule } from '../lib/zod-rules';
import { type HnteApplication, type HnteApplicationRow, type HnteBatch, PrecheckTable } from './hnte-common';
import { HNTE_TEXT } from './Profile';

const MONEY = [
  'salesRevenue',
  'totalRevenue',
  'cost',
  'rdExpenseDomestic',
  'rdExpenseAbroad',
  'totalAssets',
  'liabilities',
  'highTechRevenue',
] as const;
const MONEY_TEXT: Record<(typeof MONEY)[number], [string, string]> = {
  salesRevenue: ['销售收入（元）', 'Sales revenue (yuan)'],
  totalRevenue: ['总收入（元）', 'Total revenue (yuan)'],
  cost: ['成本费用（元）', 'Cost (yuan)'],
  rdExpenseDomestic: ['境内研发费用（元）', 'Domestic R&D (yuan)'],
  rdExpenseAbroad: ['境外研发费用（元）', 'R&D abroad (yuan)'],
  totalAssets: ['资产总额（元）', 'Total assets (yuan)'],
  liabilities: ['负债总额（元）', 'Liabilities (yuan)'],
  highTechRevenue: ['高新技术产品（服务）收入（元）', 'High-tech revenue (yuan)'],
};
const IP_KIND_TEXT: Record<(typeof IP_KINDS)[number], string> = {
  invention_patent: '发明专利',
  defence_patent: '国防专利',
  new_plant_variety: '植物新品种',
  national_crop_variety: '国家级农作物品种',
  national_new_drug: '国家新药',
  tcm_protected_variety: '国家一级中药保护品种',
  ic_layout_design: '集成电路布图设计专有权',
  utility_model: '实用新型专利',
  design_patent: '外观设计专利',
  software_copyright: '软件著作权',
  other: '其他',
};
const ACQ_TEXT: Record<(typeof IP_ACQUISITIONS)[number], string> = {
  own_rd: '自主研发',
  transfer: '受让',
  gift: '受赠',
  merger: '并购',
  exclusive_licence: '独占许可',
};

/** The form as typed: money in yuan, audit reports one per line. */
interface Typed {
  field?: string;
  employees?: number;
  techStaff?: number;
  financials?: Array<Record<string, number | undefined>>;
  ipItems?: Array<Record<string, unknown>>;
  rdProjects?: Array<{ code?: string; title?: string; budget?: number; year?: number }>;
  selfStatement?: string;
  auditReports?: string;
  majorIncidentLastYear?: boolean;
}

/** Typed values → the contracts' HnteApplicationForm (fen, arrays): what the schema checks and the API takes. */
function toForm(v: Typed & { batchId?: string }): unknown {
  const { batchId: _batch, ...typed } = v;
  return {
    ...typed,
    financials: (v.financials ?? []).map((y) =>
      Object.fromEntries(
        Object.entries(y ?? {}).map(([k, x]) => [k, (MONEY as readonly string[]).includes(k) ? toFen(x) : x]),
      ),
    ),
    ipItems: v.ipItems ?? [],
    rdProjects: (v.rdProjects ?? []).map((p) => ({ ...p, budget: toFen(p?.budget) })),
    auditReports: (v.auditReports ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
    majorIncidentLastYear: v.majorIncidentLastYear ?? false,
  };
}

/** The enterprise's HNTE application: the form checked by the contracts' schema as typed, then the pre-check. */
export function HnteApplyPage() {
  const mine = useQuery({
    queryKey: ['hnte-applications', 'mine'],
    queryFn: () => api<Page<HnteApplicationRow>>('certification', '/v1/hnte-applications?pageSize=20'),
  });
  const latest = mine.data?.data.items[0];
  const detail = useQuery({
    queryKey: ['hnte-application', latest?.batchId, latest?.uscc],
    enabled: !!latest,
    queryFn: () =>
      api<HnteApplication>('certification', `/v1/hnte-applications/${latest!.batchId}/${latest!.uscc}`),
  });
  if (mine.isLoading || (latest && detail.isLoading)) return <Skeleton active />;
  const app = detail.data?.data;
  const editable = !app || app.status === 'draft' || app.status === 'returned';
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      {app ? <ApplicationCard app={app} /> : null}
      {editable ? <ApplicationForm app={app ?? null} /> : null}
    </Space>
  );
}

function ApplicationCard({ app }: { app: HnteApplication }) {
  const t = useT();
  return (
    <Card
      title={`${t('hnteApply')} · ${app.batchId}`}
      extra={
        <Tag color="blue" data-testid="hnte-status">
          {t.status(app.status)}
        </Tag>
      }
    >
      {app.returned ? (
        <Alert
          type="warning"
          style={{ marginBottom: 12 }}
          message={t('corrections')}
          description={app.returned.map((r) => `${r.section}：${r.comment}`).join('；')}
        />
      ) : null}
      {app.submission ? (
        <Descriptions size="small" style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('submittedOn')}>{app.submission.submittedOn}</Descriptions.Item>
          <Descriptions.Item label={t('recommendationDue')}>
            {app.submission.recommendationDueOn}
          </Descriptions.Item>
          <Descriptions.Item label={t('average')}>{app.review?.average ?? '—'}</Descriptions.Item>
        </Descriptions>
      ) : null}
      <PrecheckTable app={app} />
    </Card>
  );
}

function ApplicationForm({ app }: { app: HnteApplication | null }) {
  const t = useT();
  const i = t.lang === 'zh' ? 0 : 1;
  const client = useQueryClient();
  const [form] = Form.useForm<Typed & { batchId?: string }>();
  const batches = useQuery({
    queryKey: ['hnte-batches'],
    queryFn: () => api<Page<HnteBatch>>('certification', '/v1/hnte-batches?pageSize=50'),
  });
  const rule = (...path: Array<string | number>) =>
    zodRule(HnteApplicationFormSchema, toForm as never, path.map(String), { lang: t.lang });
  const save = useMutation({
    mutationFn: async (v: Typed & { batchId?: string }) => {
      const body = toForm(v);
      if (!app) {
        await api('certification', '/v1/hnte-applications', {
          method: 'POST',
          body: { batchId: v.batchId, form: body },
        });
      } else {
        await api('certification', `/v1/hnte-applications/${app.batchId}/${app.uscc}/form`, {
          method: 'PUT',
          body: { form: body },
        });
      }
      const uscc = app?.uscc ?? getSession()!.principal.uscc!;
      const batchId = app?.batchId ?? v.batchId!;
      const step = app?.status === 'returned' ? 'resubmit' : 'submit';
      return api('certification', `/v1/hnte-applications/${batchId}/${uscc}/${step}`, {
        method: 'POST',
        body: {},
      });
    },
    onSuccess: () =>
      void client
        .invalidateQueries({ queryKey: ['hnte-application'] })
        .then(() => client.invalidateQueries({ queryKey: ['hnte-applications'] })),
    onError: (e) => {
      if (e instanceof ProblemError)
        form.setFields(fieldErrorsFor(e.problem.errors, '/body/form/', t.lang) as never);
    },
  });
  const f = app?.form;
  const initial: Typed & { batchId?: string } = f
    ? {
        ...f,
        financials: f.financials.map((y) => ({
          ...y,
          ...Object.fromEntries(MONEY.map((k) => [k, y[k] / 100])),
        })),
        rdProjects: f.rdProjects.map((p) => ({ ...p, budget: p.budget / 100 })),
        auditReports: f.auditReports.join('\n'),
      }
    : {
        financials: [{}],
        ipItems: [{ inForce: true, coreSupport: true }],
        rdProjects: [],
        majorIncidentLastYear: false,
      };
  return (
    <Card title={t('hnteApply')}>
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError
      >
        {!app ? (
          <Form.Item label={t('batch')} name="batchId" rules={[{ required: true }]}>
            <Select
              options={(batches.data?.data.items ?? []).map((b) => ({
                value: b.batchId,
                label: `${b.title}（${t('applicationWindow')} ${b.applicationOpensOn} — ${b.applicationClosesOn}）`,
              }))}
            />
          </Form.Item>
        ) : null}
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label={t('field')} name="field" rules={[rule('field')]}>
              <Select options={HNTE_FIELDS.map((x) => ({ value: x, label: HNTE_TEXT[x][i] }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label={t('employeesLabel')} name="employees" rules={[rule('employees')]}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label={t('techStaffLabel')} name="techStaff" rules={[rule('techStaff')]}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="financials">
          {(fields, { add, remove }) => (
            <Card size="small" title={t('financials')} style={{ marginBottom: 16 }}>
              {fields.map((fl, n) => (
                <Row gutter={8} key={fl.key} align="bottom">
                  <Col xs={12} md={3}>
                    <Form.Item
                      label={`${n + 1}. ${t('year')}`}
                      name={[fl.name, 'year']}
                      rules={[rule('financials', n, 'year')]}
                    >
                      <InputNumber style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  {MONEY.map((k) => (
                    <Col xs={12} md={5} key={k}>
                      <Form.Item
                        label={`${n + 1}. ${MONEY_TEXT[k][i]}`}
                        name={[fl.name, k]}
                        rules={[rule('financials', n, k)]}
                      >
                        <InputNumber style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  ))}
                  <Col xs={12} md={3}>
                    <Form.Item
                      label={`${n + 1}. ${i === 0 ? '成果转化（项）' : 'Conversions'}`}
                      name={[fl.name, 'conversions']}
                      rules={[rule('financials', n, 'conversions')]}
                    >
                      <InputNumber style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  {fields.length > 1 ? (
                    <Col>
                      <Button type="link" danger onClick={() => remove(fl.name)}>
                        ✕
                      </Button>
                    </Col>
                  ) : null}
                </Row>
              ))}
              {fields.length < 3 ? <Button onClick={() => add({})}>{t('addYear')}</Button> : null}
            </Card>
          )}
        </Form.List>
        <Form.List name="ipItems">
          {(fields, { add, remove }) => (
            <Card size="small" title={t('ipItems')} style={{ marginBottom: 16 }}>
              {fields.map((fl, n) => (
                <Row gutter={8} key={fl.key} align="bottom">
                  <Col xs={12} md={5}>
                    <Form.Item
                      label={`IP ${n + 1}. ${i === 0 ? '类别' : 'Kind'}`}
                      name={[fl.name, 'kind']}
                      rules={[rule('ipItems', n, 'kind')]}
                    >
                      <Select options={IP_KINDS.map((k) => ({ value: k, label: IP_KIND_TEXT[k] }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item
                      label={`IP ${n + 1}. ${i === 0 ? '授权号' : 'Number'}`}
                      name={[fl.name, 'number']}
                      rules={[rule('ipItems', n, 'number')]}
                    >
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={3}>
                    <Form.Item
                      label={`IP ${n + 1}. ${i === 0 ? '分类' : 'Class'}`}
                      name={[fl.name, 'ipClass']}
                      rules={[rule('ipItems', n, 'ipClass')]}
                    >
                      <Select
                        options={[
                          { value: 'I', label: 'Ⅰ类' },
                          { value: 'II', label: 'Ⅱ类' },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={4}>
                    <Form.Item
                      label={`IP ${n + 1}. ${i === 0 ? '获得方式' : 'Acquired by'}`}
                      name={[fl.name, 'acquiredBy']}
                      rules={[rule('ipItems', n, 'acquiredBy')]}
                    >
                      <Select options={IP_ACQUISITIONS.map((k) => ({ value: k, label: ACQ_TEXT[k] }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={3}>
                    <Form.Item name={[fl.name, 'inForce']} valuePropName="checked" label=" ">
                      <Checkbox>{i === 0 ? '有效' : 'In force'}</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={3}>
                    <Form.Item name={[fl.name, 'coreSupport']} valuePropName="checked" label=" ">
                      <Checkbox>{i === 0 ? '核心支持' : 'Core'}</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col>
                    <Button type="link" danger onClick={() => remove(fl.name)}>
                      ✕
                    </Button>
                  </Col>
                </Row>
              ))}
              <Button onClick={() => add({ inForce: true, coreSupport: true })}>{t('addIp')}</Button>
            </Card>
          )}
        </Form.List>
        <Form.Item label={t('selfStatement')} name="selfStatement" rules={[rule('selfStatement')]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item label={t('auditReports')} name="auditReports" extra={t('evidenceHint')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item label={t('majorIncident')} name="majorIncidentLastYear" valuePropName="checked">
          <Switch />
        </Form.Item>
        {save.error ? <Alert type="error" message={save.error.message} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('saveAndSubmit')}
        </Button>
        <span style={{ marginLeft: 12, color: '#888' }}>
          {f ? yuan(f.financials.at(-1)?.salesRevenue, t.lang) : ''}
        </span>
      </Form>
    </Card>
  );
}
