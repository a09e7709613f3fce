import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Shell } from './Shell';
import { setApiLanguage } from './lib/api';
import { type Lang, LangContext, useZodLocale } from './lib/i18n';
import { takeTokenFromFragment } from './lib/session';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 5_000 } },
});

function Root() {
  // 简体中文 first; the choice is remembered on this device.
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('peiyu.lang') === 'en' ? 'en' : 'zh'));
  setApiLanguage(lang);
  useZodLocale(lang);
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  const change = (l: Lang) => {
    localStorage.setItem('peiyu.lang', l);
    setLang(l);
    void queryClient.invalidateQueries();
  };
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS}>
      <AntApp>
        <LangContext.Provider value={lang}>
          <QueryClientProvider client={queryClient}>
            <Shell onLang={change} />
          </QueryClientProvider>
        </LangContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}

takeTokenFromFragment();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
