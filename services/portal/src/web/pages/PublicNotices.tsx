import { PublicObjectionBody } from '@peiyu/assessment/schemas';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Result,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { api, type Page, ProblemError, qs } from '../lib/api';
import { useT } from '../lib/i18n';
import { fieldErrorsFor, zodRule } from '../lib/zod-rules';

interface Notice {
  batchId: string;
  year: number;
  provinceCode: string;
  status: 'in_notice' | 'closed';
  notice: { openedOn: string; endsOn: string } | null;
  enterprises: Array<{ name: string | null; uscc: string; countyCode: string }>;
}

/** 公示: public, no sign-in; notices in their period first, closed ones on the second tab. */
export function PublicNoticesPage() {
  const t = useT();
  const [status, setStatus] = useState<'in_notice' | 'closed'>('in_notice');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['sme-notices', status, page],
    queryFn: () => api<Page<Notice>>('assessment', `/v1/sme-notices${qs({ status, page, pageSize: 5 })}`),
    placeholderData: keepPreviousData,
  });
  const items = q.data?.data.items ?? [];
  const [objecting, setObjecting] = useState<{ batchId: string; uscc: string; name: string | null } | null>(
    null,
  );
  return (
    <Card
      title={t('publicNotices')}
      extra={
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as typeof status);
            setPage(1);
          }}
          options={[
            { value: 'in_notice', label: t.status('in_notice') },
            { value: 'closed', label: t.status('closed') },
          ]}
        />
      }
    >
      {items.length === 0 && !q.isFetching ? <Empty /> : null}
      <List
        loading={q.isFetching}
        dataSource={items}
        pagination={
          (q.data?.data.total ?? 0) > 5
            ? { current: page, pageSize: 5, total: q.data?.data.total ?? 0, onChange: setPage }
            : false
        }
        renderItem={(n) => (
          <List.Item key={n.batchId} style={{ display: 'block' }}>
            <Space wrap style={{ marginBottom: 8 }}>
              <Typography.Text strong>
                {n.year} · {n.provinceCode}
              </Typography.Text>
              <Tag color={n.status === 'in_notice' ? 'orange' : 'default'}>{t.status(n.status)}</Tag>
              {n.notice ? (
                <Typography.Text>
                  {t('noticePeriod')}：{n.notice.openedOn} — {n.notice.endsOn}
                </Typography.Text>
              ) : null}
            </Space>
            <Table
              rowKey="uscc"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={n.enterprises}
              columns={[
                { title: t('name'), dataIndex: 'name' },
                { title: t('uscc'), dataIndex: 'uscc' },
                { title: t('countyCode'), dataIndex: 'countyCode' },
                ...(n.status === 'in_notice'
                  ? [
                      {
                        title: t('actions'),
                        render: (_: unknown, e: Notice['enterprises'][number]) => (
                          <Button size="small" onClick={() => setObjecting({ batchId: n.batchId, ...e })}>
                            {t('objectionForm')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </List.Item>
        )}
      />
      {objecting ? <ObjectionModal target={objecting} onClose={() => setObjecting(null)} /> : null}
    </Card>
  );
}

type ObjectionInput = z.input<typeof PublicObjectionBody>;

/**
 * 公示异议: anyone, without signing in, under a real name with a contact (assessment's PublicObjectionBody is
 * the form's rule set, so the form refuses exactly what the API refuses). Nothing typed is lost on a refusal.
 */
function ObjectionModal({
  target,
  onClose,
}: {
  target: { batchId: string; uscc: string; name: string | null };
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Omit<ObjectionInput, 'uscc'>>();
  const toBody = (v: Partial<ObjectionInput>) => ({ ...v, uscc: target.uscc });
  const rule = (field: keyof ObjectionInput) =>
    zodRule(PublicObjectionBody, toBody as never, [field], { lang: t.lang });
  const lodge = useMutation({
    mutationFn: (v: Omit<ObjectionInput, 'uscc'>) =>
      api<{ objectionId: string; lodgedOn: string }>(
        'assessment',
        `/v1/sme-notices/${target.batchId}/objections`,
        {
          method: 'POST',
          body: toBody(v),
        },
      ),
    onError: (e) => {
      if (e instanceof ProblemError)
        form.setFields(fieldErrorsFor(e.problem.errors, '/body/', t.lang) as never);
    },
  });
  return (
    <Modal
      open
      title={`${t('objectionForm')} · ${target.name ?? target.uscc}`}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {lodge.data ? (
        <Result
          status="success"
          title={`${t('objectionLodged')} ${lodge.data.data.objectionId.slice(0, 8)}`}
          subTitle={lodge.data.data.lodgedOn}
          extra={<Button onClick={onClose}>{t('done')}</Button>}
        />
      ) : (
        <Form form={form} layout="vertical" onFinish={(v) => lodge.mutate(v)}>
          <Typography.Paragraph type="secondary">{t('objectionHint')}</Typography.Paragraph>
          <Form.Item label={t('uscc')}>
            <Input value={target.uscc} disabled />
          </Form.Item>
          <Form.Item label={t('objectorName')} name="name" rules={[rule('name')]}>
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item label={t('objectorContact')} name="contact" rules={[rule('contact')]}>
            <Input autoComplete="tel" />
          </Form.Item>
          <Form.Item label={t('summary')} name="summary" rules={[rule('summary')]}>
            <Input.TextArea rows={4} />
          </Form.Item>
          {lodge.error ? (
            <Alert type="error" message={lodge.error.message} style={{ marginBottom: 12 }} />
          ) : null}
          <Button type="primary" htmlType="submit" loading={lodge.isPending}>
            {t('submit')}
          </Button>
        </Form>
      )}
    </Modal>
  );
}
