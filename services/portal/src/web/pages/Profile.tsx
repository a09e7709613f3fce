import { HNTE_FIELDS } from '@peiyu/contracts';
import { RegisterEnterpriseBody } from '@peiyu/registry';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Select, Skeleton, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import type { z } from 'zod';
import { api, ProblemError } from '../lib/api';
import { useT } from '../lib/i18n';
import { useSession } from '../lib/session';
import { fieldErrorsFor, zodRule } from '../lib/zod-rules';

type Body = z.input<typeof RegisterEnterpriseBody>;
interface Values extends Omit<Body, 'foundedOn'> {
  foundedOn?: Dayjs;
}
export const HNTE_TEXT: Record<(typeof HNTE_FIELDS)[number], [string, string]> = {
  electronic_information: ['电子信息', 'Electronic information'],
  biology_new_medicine: ['生物与新医药', 'Biology and new medicine'],
  aerospace: ['航空航天', 'Aerospace'],
  new_materials: ['新材料', 'New materials'],
  high_tech_services: ['高技术服务', 'High-tech services'],
  new_energy_energy_saving: ['新能源与节能', 'New energy and energy saving'],
  resources_environment: ['资源与环境', 'Resources and environment'],
  advanced_manufacturing_automation: ['先进制造与自动化', 'Advanced manufacturing and automation'],
};

/** The form's values as the API body (the date as YYYY-MM-DD). */
const toBody = (v: Values): Body => ({ ...v, foundedOn: v.foundedOn?.format('YYYY-MM-DD') ?? '' }) as Body;

interface Enterprise extends Body {
  status: string;
  version: number;
}

/** 企业注册登记 and the profile once registered. */
export function ProfilePage() {
  const t = useT();
  const session = useSession()!;
  const uscc = session.principal.uscc ?? '';
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const q = useQuery({
    queryKey: ['enterprise', uscc],
    queryFn: async () => {
      try {
        return (await api<Enterprise>('registry', `/v1/enterprises/${uscc}`)).data;
      } catch (err) {
        if (err instanceof ProblemError && err.problem.status === 404) return null;
        throw err;
      }
    },
  });
  const register = useMutation({
    mutationFn: (v: Values) => api('registry', '/v1/enterprises', { method: 'POST', body: toBody(v) }),
    onSuccess: () => {
      void message.success(t('done'));
      void client.invalidateQueries({ queryKey: ['enterprise', uscc] });
    },
    onError: (err) => {
      // What was typed stays in the form; the service's field errors go next to their fields.
      if (err instanceof ProblemError)
        form.setFields(fieldErrorsFor(err.problem.errors, '/body/', t.lang) as never);
    },
  });
  if (q.isLoading) return <Skeleton active />;
  const rule = (...path: string[]) => zodRule(RegisterEnterpriseBody, toBody, path, { lang: t.lang });
  const i = t.lang === 'zh' ? 0 : 1;
  if (q.data) {
    const e = q.data;
    return (
      <Card title={t('profile')} extra={<Tag color="green">{t('registered')}</Tag>}>
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="middle">
          <Descriptions.Item label={t('name')}>{e.name}</Descriptions.Item>
          <Descriptions.Item label={t('uscc')}>{e.uscc}</Descriptions.Item>
          <Descriptions.Item label={t('countyCode')}>{e.countyCode}</Descriptions.Item>
          <Descriptions.Item label={t('foundedOn')}>{e.foundedOn}</Descriptions.Item>
          <Descriptions.Item label={t('hnteField')}>
            {e.hnteField ? HNTE_TEXT[e.hnteField][i] : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('contactName')}>
            {e.contact.name} · {e.contact.phone} · {e.contact.email}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    );
  }
  return (
    <Card title={t('register')}>
      {register.error ? (
        <Alert type="error" message={register.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{ uscc, countyCode: session.principal.region }}
        onFinish={(v) => register.mutate(v)}
      >
        <Form.Item label={t('uscc')} name="uscc" rules={[rule('uscc')]}>
          <Input readOnly />
        </Form.Item>
        <Form.Item label={t('name')} name="name" rules={[rule('name')]} hasFeedback>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('countyCode')} name="countyCode" rules={[rule('countyCode')]}>
          <Input maxLength={6} inputMode="numeric" />
        </Form.Item>
        <Form.Item label={t('foundedOn')} name="foundedOn" rules={[rule('foundedOn')]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('hnteField')} name="hnteField" rules={[rule('hnteField')]}>
          <Select allowClear options={HNTE_FIELDS.map((f) => ({ value: f, label: HNTE_TEXT[f][i] }))} />
        </Form.Item>
        <Form.Item label={t('contactName')} name={['contact', 'name']} rules={[rule('contact', 'name')]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('contactPhone')} name={['contact', 'phone']} rules={[rule('contact', 'phone')]}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item label={t('contactEmail')} name={['contact', 'email']} rules={[rule('contact', 'email')]}>
          <Input inputMode="email" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={register.isPending}>
          {t('submitRegistration')}
        </Button>
      </Form>
    </Card>
  );
}
