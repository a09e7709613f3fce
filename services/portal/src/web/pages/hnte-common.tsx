import type { HnteApplicationForm } from '@peiyu/contracts';
import { Descriptions, Table, Tag } from 'antd';
import { useT } from '../lib/i18n';
import { HNTE_TEXT } from './Profile';

/** What the certification service answers for one application (its state, plus the view's additions). */
export interface HnteApplication {
  applicationId: string;
  batchId: string;
  uscc: string;
  status: string;
  form: HnteApplicationForm;
  submission: {
    submittedOn: string;
    countyCode: string;
    recommendationDueOn: string;
    precheck: {
      conditions: Array<{
        id: number;
        met: boolean | null;
        value?: string | number;
        threshold?: string | number;
      }>;
      rdThreshold: { percent: number; fraction: string; tier: string };
    };
  } | null;
  returned: Array<{ section: string; comment: string }> | null;
  panel: { members: Array<{ expertId: string; role: 'technical' | 'financial' }>; drawnOn: string } | null;
  scores: Record<string, { total: number }>;
  review: { passed: boolean; average: string } | null;
  notice: { endsOn: string; objections: Record<string, string> } | null;
  scoreRanges: Record<string, { min: number; max: number; basis: string }> | null;
  version: number;
}

/** A row of `GET /v1/hnte-applications`. */
export interface HnteApplicationRow {
  applicationId: string;
  batchId: string;
  uscc: string;
  status: string;
  field: string;
  countyCode: string | null;
  submittedOn: string | null;
  conditionsMet: number | null;
  average: string | null;
  noticeEndsOn: string | null;
}

export interface HnteBatch {
  batchId: string;
  provinceCode: string;
  year: number;
  title: string;
  applicationOpensOn: string;
  applicationClosesOn: string;
  recommendationDueOn: string;
}

/** The eight conditions of 国科发火〔2016〕32号 第十一条, in its order. */
export const CONDITION_TEXT: Record<number, [string, string]> = {
  1: ['（一）注册成立一年以上', '(1) Registered for at least one year'],
  2: [
    '（二）拥有对主要产品（服务）发挥核心支持作用的知识产权',
    '(2) Owns IP giving core support to its products',
  ],
  3: [
    '（三）核心技术属于《国家重点支持的高新技术领域》',
    '(3) Core technology in a supported high-tech field',
  ],
  4: ['（四）科技人员占职工总数比例不低于10%', '(4) Tech staff at least 10 % of employees'],
  5: [
    '（五）近三个会计年度研究开发费用占销售收入比例达标',
    '(5) R&D expense share of sales over three years',
  ],
  6: [
    '（六）近一年高新技术产品（服务）收入占总收入比例不低于60%',
    '(6) High-tech revenue at least 60 % of total',
  ],
  7: ['（七）企业创新能力评价达到要求', '(7) Innovation capability evaluation'],
  8: [
    '（八）申请前一年内未发生重大安全、质量事故或严重环境违法行为',
    '(8) No major accident or violation last year',
  ],
};

/** The pre-check recorded at submission, condition by condition (met, not met, or for the experts). */
export function PrecheckTable({ app }: { app: HnteApplication }) {
  const t = useT();
  const i = t.lang === 'zh' ? 0 : 1;
  const p = app.submission?.precheck;
  if (!p) return null;
  return (
    <>
      <Table
        data-testid="precheck"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={p.conditions}
        scroll={{ x: 'max-content' }}
        onRow={(c) => ({ style: c.met === false ? { background: '#fff1f0' } : undefined })}
        columns={[
          { title: t('condition'), dataIndex: 'id', render: (id: number) => CONDITION_TEXT[id]?.[i] ?? id },
          {
            title: t('value'),
            dataIndex: 'value',
            render: (v?: string | number) =>
              v === undefined ? '—' : (HNTE_TEXT[v as keyof typeof HNTE_TEXT]?.[i] ?? v),
          },
          { title: t('threshold'), dataIndex: 'threshold', render: (v?: string | number) => v ?? '—' },
          {
            title: t('status'),
            dataIndex: 'met',
            render: (m: boolean | null) =>
              m === null ? (
                <Tag color="blue">{t('expertJudges')}</Tag>
              ) : m ? (
                <Tag color="green">{t('met')}</Tag>
              ) : (
                <Tag color="red">{t('notMet')}</Tag>
              ),
          },
        ]}
      />
      <Descriptions size="small" style={{ marginTop: 8 }}>
        <Descriptions.Item label={t('rdThreshold')}>
          {p.rdThreshold.percent}%（{p.rdThreshold.tier}）
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}
