import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, InputNumber, Row, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { api, type Page, qs } from '../lib/api';
import { Chart } from '../lib/Chart';
import { useAuthConfig, useCampaignYear } from '../lib/config';
import { useT } from '../lib/i18n';
import { download } from '../lib/money';
import { getSession } from '../lib/session';
import { serverTable } from '../lib/server-table';

interface Counts {
  countyCode: string;
  countyName?: string;
  techSmesEntered: number;
  hnteCertified: number;
  validHnte: number;
}
interface TargetRow {
  countyCode: string;
  countyName: string;
  targets: { newTechSmesEntered: number | null; newHnteCertified: number | null; validHnte: number | null };
}
interface RankingSummary {
  areaCode: string;
  areaName: string;
  year: number;
  quarter: number;
  rankingVersion: number;
  publishedOn: string;
  top: string[];
  bottom: string[];
  talk: string[];
}
interface RankingRow {
  countyCode: string;
  countyName: string;
  rank: number;
  score?: string | number;
  mark: 'top' | 'bottom' | null;
  talk: boolean;
}
interface Movement {
  countyCode: string;
  countyName: string;
  up: Array<{ uscc: string; from: string | null; to: string | null }>;
  down: Array<{ uscc: string; from: string | null; to: string | null }>;
  upCounts: Record<string, number>;
}

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];

/** The stack's running quarter in that year (Q4 for a past year). */
function runningQuarter(today: string | undefined, year: number): number {
  if (!today || Number(today.slice(0, 4)) > year) return 4;
  return Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
}

/** Year to date: up to the quarter's end, or up to today while the quarter runs. */
function periodEnd(year: number, quarter: number, today: string | undefined): string {
  const end = `${year}-${QUARTER_END[quarter - 1]}`;
  return today && today < end ? today : end;
}

/**
 * 统计看板 (city and province bureaus): county indicators year to date against the yearly targets, the quarterly
 * rankings (通报表扬 / 通报批评 / 约谈) with the bulletin's export, and who moved up the ladder.
 */
export function DashboardPage() {
  const t = useT();
  const campaign = useCampaignYear();
  const [chosen, setYear] = useState<number | null>(null);
  const year = chosen ?? campaign;
  const today = useAuthConfig().data;
  const [quarter, setQuarter] = useState<number | null>(null);
  const q = quarter ?? runningQuarter(today?.today, year ?? 0);
  if (!year) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card size="small">
        <Space wrap>
          <span>{t('year')}</span>
          <InputNumber
            aria-label={t('year')}
            value={year}
            onChange={(v) => setYear(v)}
            min={2016}
            max={2100}
          />
          <span>{t('quarter')}</span>
          <Select
            aria-label={t('quarter')}
            value={q}
            onChange={setQuarter}
            style={{ width: 100 }}
            options={[1, 2, 3, 4].map((n) => ({ value: n, label: `Q${n}` }))}
          />
        </Space>
      </Card>
      <Indicators year={year} to={periodEnd(year, q, today?.today)} />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Rankings year={year} />
        </Col>
        <Col xs={24} xl={10}>
          <Ladder year={year} to={periodEnd(year, q, today?.today)} />
        </Col>
      </Row>
    </Space>
  );
}

function Indicators({ year, to }: { year: number; to: string }) {
  const t = useT();
  const counts = useQuery({
    queryKey: ['county-counts', year, to],
    queryFn: () =>
      api<Page<Counts>>('statistics', `/v1/county-counts${qs({ from: `${year}-01-01`, to, pageSize: 100 })}`),
    placeholderData: keepPreviousData,
  });
  const targets = useQuery({
    queryKey: ['county-targets', year],
    queryFn: () => api<Page<TargetRow>>('statistics', `/v1/county-targets${qs({ year, pageSize: 100 })}`),
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => {
    const byCounty = new Map((targets.data?.data.items ?? []).map((x) => [x.countyCode, x]));
    return (counts.data?.data.items ?? [])
      .filter((c) => byCounty.size === 0 || byCounty.has(c.countyCode))
      .map((c) => ({
        ...c,
        countyName: c.countyName ?? byCounty.get(c.countyCode)?.countyName ?? c.countyCode,
        target: byCounty.get(c.countyCode)?.targets,
      }));
  }, [counts.data, targets.data]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: {
        top: 0,
        data: [
          t('techSmesEntered'),
          `${t('techSmesEntered')} · ${t('target')}`,
          t('hnteCertified'),
          `${t('hnteCertified')} · ${t('target')}`,
        ],
      },
      grid: { left: 48, right: 16, top: 48, bottom: 32 },
      xAxis: { type: 'category' as const, data: rows.map((r) => r.countyName) },
      yAxis: { type: 'value' as const },
      series: [
        { name: t('techSmesEntered'), type: 'bar' as const, data: rows.map((r) => r.techSmesEntered) },
        {
          name: `${t('techSmesEntered')} · ${t('target')}`,
          type: 'bar' as const,
          data: rows.map((r) => r.target?.newTechSmesEntered ?? 0),
          itemStyle: { opacity: 0.35 },
        },
        { name: t('hnteCertified'), type: 'bar' as const, data: rows.map((r) => r.hnteCertified) },
        {
          name: `${t('hnteCertified')} · ${t('target')}`,
          type: 'bar' as const,
          data: rows.map((r) => r.target?.newHnteCertified ?? 0),
          itemStyle: { opacity: 0.35 },
        },
      ],
    }),
    [rows, t],
  );
  const pct = (done: number, target: number | null | undefined) =>
    target ? `${Math.round((done / target) * 100)}%` : '—';
  return (
    <Card title={`${t('indicators')}（${year}-01-01 — ${to}）`} data-testid="indicators">
      {counts.error ? <Alert type="error" message={counts.error.message} /> : null}
      <Chart option={option} style={{ height: 260 }} />
      <Table
        rowKey="countyCode"
        size="small"
        loading={counts.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('county'), dataIndex: 'countyName' },
          {
            title: t('techSmesEntered'),
            render: (_: unknown, r: (typeof rows)[number]) =>
              `${r.techSmesEntered} / ${r.target?.newTechSmesEntered ?? '—'}`,
          },
          {
            title: t('completion'),
            render: (_: unknown, r: (typeof rows)[number]) =>
              pct(r.techSmesEntered, r.target?.newTechSmesEntered),
          },
          {
            title: t('hnteCertified'),
            render: (_: unknown, r: (typeof rows)[number]) =>
              `${r.hnteCertified} / ${r.target?.newHnteCertified ?? '—'}`,
          },
          {
            title: t('completion'),
            key: 'hc',
            render: (_: unknown, r: (typeof rows)[number]) =>
              pct(r.hnteCertified, r.target?.newHnteCertified),
          },
          { title: t('validHnte'), dataIndex: 'validHnte' },
        ]}
      />
    </Card>
  );
}

function Rankings({ year }: { year: number }) {
  const t = useT();
  const [paging, setPaging] = useState({ page: 1, pageSize: 8 });
  const list = useQuery({
    queryKey: ['rankings', year, paging],
    queryFn: () => api<Page<RankingSummary>>('statistics', `/v1/rankings${qs({ year, ...paging })}`),
    placeholderData: keepPreviousData,
  });
  const [open, setOpen] = useState<RankingSummary | null>(null);
  const current = open ?? list.data?.data.items[0] ?? null;
  const path = current ? `/v1/rankings/${current.areaCode}/${current.year}/${current.quarter}` : '';
  const detail = useQuery({
    queryKey: ['ranking', path],
    enabled: !!current,
    queryFn: () => api<{ rows: RankingRow[] }>('statistics', path),
  });
  const xlsx = useQuery({
    queryKey: ['bulletin-xlsx', path],
    enabled: !!current,
    // The XLSX export lands with another change; the link shows only where the service offers it.
    queryFn: async () => {
      try {
        await api('statistics', `${path}/bulletin?format=xlsx`, { method: 'HEAD' });
        return true;
      } catch {
        return false;
      }
    },
  });
  const name = current ? `${current.areaName}-${current.year}-Q${current.quarter}` : '';
  return (
    <Card
      title={t('rankings')}
      data-testid="rankings"
      extra={
        current ? (
          <Space>
            <Button
              size="small"
              onClick={() => void download('statistics', `${path}/bulletin?format=csv`, `${name}.csv`)}
            >
              {t('exportCsv')}
            </Button>
            {xlsx.data ? (
              <Button
                size="small"
                onClick={() => void download('statistics', `${path}/bulletin?format=xlsx`, `${name}.xlsx`)}
              >
                {t('exportXlsx')}
              </Button>
            ) : null}
          </Space>
        ) : null
      }
    >
      <Table<RankingSummary>
        rowKey={(r) => `${r.areaCode}-${r.year}-${r.quarter}`}
        size="small"
        {...serverTable(list, paging, setPaging)}
        onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
        rowClassName={(r) =>
          current && r.areaCode === current.areaCode && r.quarter === current.quarter
            ? 'ant-table-row-selected'
            : ''
        }
        columns={[
          { title: t('region'), dataIndex: 'areaName' },
          { title: t('quarter'), dataIndex: 'quarter', render: (n: number) => `Q${n}` },
          { title: t('submittedOn'), dataIndex: 'publishedOn' },
          {
            title: t('talk'),
            dataIndex: 'talk',
            render: (c: string[]) => (c.length ? <Tag color="red">{c.length}</Tag> : '—'),
          },
        ]}
      />
      {detail.data ? (
        <Table<RankingRow>
          style={{ marginTop: 12 }}
          rowKey="countyCode"
          size="small"
          pagination={false}
          dataSource={detail.data.data.rows}
          onRow={(r) => ({ style: r.talk ? { background: '#fff1f0' } : undefined })}
          columns={[
            { title: t('rank'), dataIndex: 'rank' },
            { title: t('county'), dataIndex: 'countyName' },
            { title: t('score'), dataIndex: 'score', render: (s?: string | number) => s ?? '—' },
            {
              title: t('mark'),
              dataIndex: 'mark',
              render: (m: RankingRow['mark']) =>
                m === 'top' ? (
                  <Tag color="green">{t('praised')}</Tag>
                ) : m === 'bottom' ? (
                  <Tag color="orange">{t('criticised')}</Tag>
                ) : (
                  '—'
                ),
            },
            {
              title: t('talk'),
              dataIndex: 'talk',
              render: (x: boolean) => (x ? <Tag color="red">{t('talk')}</Tag> : '—'),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}

const STAGE_TEXT: Record<string, [string, string]> = {
  none: ['未在梯队', 'Not on the ladder'],
  tech_sme: ['科技型中小企业', 'Tech SME'],
  hnte: ['高新技术企业', 'HNTE'],
};

function Ladder({ year, to }: { year: number; to: string }) {
  const t = useT();
  const i = t.lang === 'zh' ? 0 : 1;
  const region = getSession()?.principal.region;
  const q = useQuery({
    queryKey: ['ladder-movements', year, to, region],
    queryFn: () =>
      api<Page<Movement>>(
        'statistics',
        `/v1/ladder-movements${qs({ from: `${year}-01-01`, to, pageSize: 50 })}`,
      ),
  });
  const stage = (s: string) =>
    s
      .split('→')
      .map((x) => STAGE_TEXT[x]?.[i] ?? x)
      .join(' → ');
  return (
    <Card title={`${t('ladder')}（${year}-01-01 — ${to}）`} data-testid="ladder">
      {q.error ? <Alert type="error" message={q.error.message} /> : null}
      <Table<Movement>
        rowKey="countyCode"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.data.items ?? []}
        pagination={false}
        columns={[
          { title: t('county'), dataIndex: 'countyName' },
          {
            title: '↑',
            render: (_: unknown, m) =>
              Object.entries(m.upCounts).map(([k, n]) => (
                <Tag key={k} color="green">
                  {stage(k)}：{n}
                </Tag>
              )),
          },
          { title: '↓', render: (_: unknown, m) => m.down.length || '—' },
        ]}
      />
    </Card>
  );
}
