import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Collapse,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../lib/api';
import { useAuthConfig } from '../lib/config';
import { useT } from '../lib/i18n';
import { download } from '../lib/money';
import { getSession } from '../lib/session';

interface Entry {
  service?: string | null;
  streamId: string;
  version: number;
  eventId: string;
  type: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
}
interface StreamView {
  streamId: string;
  service: string;
  version: number;
  verification: { ok: boolean; checked?: number; brokenAt?: number; reason?: string; detail?: string };
  checkpoint: { id: string; version: number } | null;
  events: Entry[];
}
interface StateView {
  asOf: string;
  streams: Array<{ streamId: string; service: string; version: number; state: unknown }>;
}

const SERVICE_TEXT: Record<string, [string, string]> = {
  registry: ['企业登记', 'Registry'],
  assessment: ['科技型中小企业评价', 'Assessment'],
  certification: ['高企认定', 'Certification'],
  subsidy: ['补助', 'Subsidy'],
  statistics: ['统计', 'Statistics'],
};
const short = (h: string) => `${h.slice(0, 10)}…`;
/** An instant in China's time (UTC+8), as the auditors read their days. */
const chinaTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/**
 * 审计核查: an enterprise's events across services, its state as of a chosen date (each stream folded by its
 * owner's code), each stream's chain verification with the failing link highlighted, and the offline export.
 */
export function AuditPage() {
  const t = useT();
  const i = t.lang === 'zh' ? 0 : 1;
  const today = useAuthConfig().data?.today;
  const [uscc, setUscc] = useState('');
  const [asOf, setAsOf] = useState<string | undefined>();
  const day = asOf ?? today ?? '';
  const ready = /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(uscc);
  const timeline = useQuery({
    queryKey: ['audit-timeline', uscc],
    enabled: ready,
    queryFn: () => api<{ events: Entry[] }>('audit', `/v1/enterprises/${uscc}/timeline`),
  });
  const state = useQuery({
    queryKey: ['audit-state', uscc, day],
    enabled: ready && /^\d{4}-\d{2}-\d{2}$/.test(day),
    queryFn: () => api<StateView>('audit', `/v1/enterprises/${uscc}/state?asOf=${day}`),
  });
  const streams = [...new Set((timeline.data?.data.events ?? []).map((e) => e.streamId))];
  const [stream, setStream] = useState<string | undefined>();
  const chosen = stream && streams.includes(stream) ? stream : streams[0];
  const region = getSession()?.principal.region;
  const service = (s?: string | null) => (s ? (SERVICE_TEXT[s]?.[i] ?? s) : '—');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card title={t('audit')}>
        <Form
          layout="inline"
          style={{ rowGap: 8 }}
          onFinish={(v: { uscc: string; asOf?: string }) => {
            setUscc(v.uscc.trim().toUpperCase());
            setAsOf(v.asOf || undefined);
          }}
        >
          <Form.Item label={t('uscc')} name="uscc" rules={[{ required: true, pattern: /^[0-9A-Za-z]{18}$/ }]}>
            <Input style={{ width: 220 }} />
          </Form.Item>
          <Form.Item
            label={t('asOf')}
            name="asOf"
            rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}
          >
            <Input placeholder={today} style={{ width: 140 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('search')}
          </Button>
          <Button
            style={{ marginLeft: 8 }}
            onClick={() =>
              void download(
                'audit',
                `/v1/exports?region=${region ?? ''}&to=${day}`,
                `peiyu-audit-${region ?? 'all'}-${day}.jsonl`,
              )
            }
          >
            {t('exportBundle')}
          </Button>
        </Form>
      </Card>
      {timeline.error ? <Alert type="error" message={timeline.error.message} /> : null}
      {ready && timeline.data ? (
        <Row gutter={16}>
          <Col xs={24} xl={14}>
            <Card title={`${t('auditTimeline')} · ${uscc}`} data-testid="timeline">
              <Table<Entry>
                rowKey="eventId"
                size="small"
                dataSource={timeline.data.data.events}
                pagination={{ defaultPageSize: 50, showSizeChanger: true }}
                scroll={{ x: 'max-content' }}
                onRow={(e) => ({
                  style: e.recordedAt.slice(0, 10) > day ? { opacity: 0.45 } : undefined,
                  onClick: () => setStream(e.streamId),
                })}
                columns={[
                  {
                    title: t('recordedAt'),
                    dataIndex: 'recordedAt',
                    render: chinaTime,
                  },
                  { title: t('service'), dataIndex: 'service', render: service },
                  { title: t('event'), dataIndex: 'type' },
                  { title: t('stream'), render: (_: unknown, e) => `${e.streamId}@${e.version}` },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={`${t('stateAsOf')} · ${day}`} data-testid="state-as-of">
              <Collapse
                size="small"
                items={(state.data?.data.streams ?? []).map((s) => ({
                  key: s.streamId,
                  label: (
                    <Space>
                      <Tag>{service(s.service)}</Tag>
                      {s.streamId} · v{s.version}
                    </Space>
                  ),
                  children: (
                    <pre style={{ maxHeight: 240, overflow: 'auto', fontSize: 12, margin: 0 }}>
                      {JSON.stringify(s.state, null, 2)}
                    </pre>
                  ),
                }))}
              />
            </Card>
          </Col>
        </Row>
      ) : null}
      {chosen ? <Verification streamId={chosen} streams={streams} onPick={setStream} /> : null}
    </Space>
  );
}

function Verification({
  streamId,
  streams,
  onPick,
}: {
  streamId: string;
  streams: string[];
  onPick: (s: string) => void;
}) {
  const t = useT();
  const q = useQuery({
    queryKey: ['audit-stream', streamId],
    queryFn: () => api<StreamView>('audit', `/v1/streams/${encodeURIComponent(streamId)}`),
  });
  const s = q.data?.data;
  const broken = s && !s.verification.ok ? s.verification.brokenAt : undefined;
  return (
    <Card
      title={t('verification')}
      data-testid="verification"
      extra={
        <Select
          aria-label={t('stream')}
          style={{ minWidth: 360 }}
          value={streamId}
          onChange={onPick}
          options={streams.map((x) => ({ value: x, label: x }))}
        />
      }
    >
      {s ? (
        s.verification.ok ? (
          <Alert
            type="success"
            showIcon
            message={`${t('verified')}：${s.streamId} v1–v${s.version}${s.checkpoint ? `（checkpoint ${s.checkpoint.id.slice(0, 8)} @ v${s.checkpoint.version}）` : ''}`}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            data-testid="broken-link"
            message={`${t('brokenAt')} ${s.verification.brokenAt ?? '?'}：${s.verification.reason ?? ''}`}
            description={s.verification.detail}
          />
        )
      ) : null}
      {s ? (
        <Table<Entry>
          style={{ marginTop: 12 }}
          rowKey="eventId"
          size="small"
          dataSource={s.events}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(e) => ({
            style: e.version === broken ? { background: '#ffccc7', fontWeight: 600 } : undefined,
          })}
          columns={[
            { title: 'v', dataIndex: 'version' },
            { title: t('event'), dataIndex: 'type' },
            {
              title: 'prevHash',
              dataIndex: 'prevHash',
              render: (h: string) => <Typography.Text code>{short(h)}</Typography.Text>,
            },
            {
              title: 'hash',
              dataIndex: 'hash',
              render: (h: string) => <Typography.Text code>{short(h)}</Typography.Text>,
            },
            {
              title: t('recordedAt'),
              dataIndex: 'recordedAt',
              render: chinaTime,
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
