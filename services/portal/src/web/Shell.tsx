import { Button, Layout, Menu, Segmented, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { type Lang, type TextKey, useT } from './lib/i18n';
import { match, navigate, usePath } from './lib/router';
import { setSession, useSession } from './lib/session';
import { BatchDetailPage, BatchesPage } from './pages/Batches';
import { EvaluationPage } from './pages/Evaluation';
import { ProfilePage } from './pages/Profile';
import { PublicEntriesPage } from './pages/PublicEntries';
import { PublicNoticesPage } from './pages/PublicNotices';
import { AuditPage } from './pages/Audit';
import { HnteApplyPage } from './pages/HnteApply';
import { HnteCountyPage, HnteExpertPage, HnteProvincePage } from './pages/HnteReview';
import { ReviewPage, ReviewQueuePage } from './pages/Review';
import { DashboardPage } from './pages/Statistics';
import { EntitlementsPage, FinancePage } from './pages/Subsidy';
import { SignInPage } from './pages/SignIn';

/** The pages, each with who may see it in the menu (public pages: everyone, signed in or not). */
const PAGES: Array<{ path: string; label: TextKey; roles: string[] | 'public' }> = [
  { path: '/public/notices', label: 'publicNotices', roles: 'public' },
  { path: '/public/entries', label: 'navEntries', roles: 'public' },
  { path: '/enterprise/profile', label: 'profile', roles: ['enterprise'] },
  { path: '/enterprise/evaluation', label: 'navEvaluation', roles: ['enterprise'] },
  { path: '/enterprise/hnte', label: 'navHnte', roles: ['enterprise'] },
  { path: '/enterprise/entitlements', label: 'navEntitlements', roles: ['enterprise'] },
  { path: '/county/queue', label: 'reviewQueue', roles: ['county_reviewer', 'city_reviewer'] },
  { path: '/county/hnte', label: 'hnteCounty', roles: ['county_reviewer', 'city_reviewer'] },
  { path: '/province/batches', label: 'batches', roles: ['province_reviewer'] },
  { path: '/province/hnte', label: 'hnteProvince', roles: ['province_reviewer'] },
  { path: '/dashboard', label: 'dashboard', roles: ['city_reviewer', 'province_reviewer'] },
  { path: '/expert/applications', label: 'hnteExpert', roles: ['expert'] },
  { path: '/finance', label: 'finance', roles: ['finance'] },
  { path: '/audit', label: 'audit', roles: ['auditor'] },
];

const HOME: Record<string, string> = {
  enterprise: '/enterprise/evaluation',
  county_reviewer: '/county/queue',
  city_reviewer: '/county/queue',
  province_reviewer: '/province/batches',
  expert: '/expert/applications',
  finance: '/finance',
  auditor: '/audit',
};

function page(path: string): ReactNode {
  const routes: Array<[string, (p: Record<string, string>) => ReactNode]> = [
    ['/sign-in', () => <SignInPage onSignedIn={(role) => navigate(HOME[role] ?? '/public/entries')} />],
    ['/public/notices', () => <PublicNoticesPage />],
    ['/public/entries', () => <PublicEntriesPage />],
    ['/enterprise/profile', () => <ProfilePage />],
    ['/enterprise/evaluation', () => <EvaluationPage />],
    ['/county/queue', () => <ReviewQueuePage />],
    ['/county/review/:uscc/:year', (p) => <ReviewPage uscc={p.uscc!} year={Number(p.year)} />],
    ['/province/batches', () => <BatchesPage />],
    ['/province/batches/:batchId', (p) => <BatchDetailPage batchId={p.batchId!} />],
    ['/enterprise/hnte', () => <HnteApplyPage />],
    ['/enterprise/entitlements', () => <EntitlementsPage />],
    ['/county/hnte', () => <HnteCountyPage />],
    ['/province/hnte', () => <HnteProvincePage />],
    ['/dashboard', () => <DashboardPage />],
    ['/expert/applications', () => <HnteExpertPage />],
    ['/finance', () => <FinancePage />],
    ['/audit', () => <AuditPage />],
  ];
  for (const [pattern, render] of routes) {
    const params = match(pattern, path);
    if (params) return render(params);
  }
  return <PublicEntriesPage />;
}

export function Shell({ onLang }: { onLang: (l: Lang) => void }) {
  const t = useT();
  const session = useSession();
  const path = usePath();
  const role = session?.principal.role;
  const visible = PAGES.filter((p) => p.roles === 'public' || (role && p.roles.includes(role)));
  const needsSignIn = !session && !path.startsWith('/public') && path !== '/sign-in';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          paddingInline: 16,
          flexWrap: 'wrap',
          height: 'auto',
        }}
      >
        <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>
          {t('appName')}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={visible.filter((p) => path.startsWith(p.path)).map((p) => p.path)}
          items={visible.map((p) => ({ key: p.path, label: t(p.label) }))}
          onClick={(e) => navigate(e.key)}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Space>
          <Segmented<Lang>
            aria-label="language"
            value={t.lang}
            options={[
              { label: '中文', value: 'zh' },
              { label: 'English', value: 'en' },
            ]}
            onChange={onLang}
          />
          {session ? (
            <>
              <Typography.Text style={{ color: '#fff' }} data-testid="who">
                {t.role(session.principal.role)} {session.principal.uscc ?? session.principal.region}
              </Typography.Text>
              <Button
                onClick={() => {
                  setSession(null);
                  navigate('/sign-in');
                }}
              >
                {t('signOut')}
              </Button>
            </>
          ) : (
            <Button type="primary" onClick={() => navigate('/sign-in')}>
              {t('signIn')}
            </Button>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        {needsSignIn ? <SignInPage onSignedIn={() => navigate(path)} /> : page(path)}
      </Layout.Content>
    </Layout>
  );
}
