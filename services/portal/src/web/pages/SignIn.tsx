import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useAuthConfig } from '../lib/config';
import { ROLE_TEXT, useT } from '../lib/i18n';
import { setSession, type Principal } from '../lib/session';

interface DemoUser extends Omit<Principal, 'sub'> {
  label: string;
  sub?: string;
}

async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url, { headers: { accept: 'application/json' } });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return (await r.json()) as T;
}

/** Local mode: pick a demo user (or type one) and get a token signed with the dev key. Production: OIDC. */
export function SignInPage({ onSignedIn }: { onSignedIn: (role: string) => void }) {
  const t = useT();
  const config = useAuthConfig();
  const users = useQuery({
    queryKey: ['demo-users'],
    queryFn: () => getJson<{ items: DemoUser[] }>('/auth/demo-users'),
    enabled: config.data?.signIn === 'demo',
  });
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Omit<Principal, 'sub'> & { sub?: string }>();

  const signIn = async (who: Omit<Principal, 'sub'> & { sub?: string }) => {
    setError(null);
    const body = Object.fromEntries(Object.entries(who).filter(([, v]) => v !== undefined && v !== ''));
    const r = await fetch('/auth/demo', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await r.json()) as {
      token?: string;
      principal?: Principal;
      detail?: string;
      errors?: Array<{ message: string }>;
    };
    if (!r.ok || !json.token || !json.principal) {
      setError([json.detail, ...(json.errors ?? []).map((e) => e.message)].filter(Boolean).join('；'));
      return;
    }
    setSession({ token: json.token, principal: json.principal });
    onSignedIn(json.principal.role);
  };

  if (config.data?.signIn === 'oidc') {
    return (
      <Card title={t('signIn')} style={{ maxWidth: 480, margin: '48px auto' }}>
        <Button type="primary" href="/auth/login" block>
          {t('oidcSignIn')}
        </Button>
      </Card>
    );
  }
  return (
    <Card title={t('demoSignIn')} style={{ maxWidth: 640, margin: '24px auto' }}>
      <Typography.Paragraph type="secondary">{t('demoHint')}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        {(users.data?.items ?? []).map((u) => (
          <Button
            key={u.label}
            block
            onClick={() => void signIn({ role: u.role, region: u.region, uscc: u.uscc, sub: u.sub })}
          >
            {t.lang === 'zh' ? u.label : `${t.role(u.role)} ${u.uscc ?? u.region ?? ''}`}
          </Button>
        ))}
      </Space>
      <Form form={form} layout="vertical" style={{ marginTop: 24 }} onFinish={(v) => void signIn(v)}>
        <Form.Item label={t('role')} name="role" rules={[{ required: true }]}>
          <Select
            options={Object.keys(ROLE_TEXT).map((r) => ({ value: r, label: t.role(r) }))}
            aria-label={t('role')}
          />
        </Form.Item>
        <Form.Item label={t('region')} name="region">
          <Input inputMode="numeric" maxLength={6} placeholder="410402" />
        </Form.Item>
        <Form.Item label={t('uscc')} name="uscc">
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item label={t('expertId')} name="sub">
          <Input maxLength={64} />
        </Form.Item>
        {error ? <Alert type="error" message={error} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit">
          {t('signIn')}
        </Button>
      </Form>
    </Card>
  );
}
