import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import 'dayjs/locale/zh-cn';
import { ReactNode } from 'react';
import { AuthProvider } from './auth/auth';
import { I18nProvider, useI18n } from './i18n/i18n';

function Themed({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#0b6bcb', borderRadius: 6 }, components: { Menu: { itemPaddingInline: 12 } } }}>
      {/* Toasts open below the 64 px header, so they never cover the menu a person reaches for next. */}
      <AntApp message={{ top: 72 }}>
        <AuthProvider>{children}</AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** Everything a page runs inside, but the router: server state, language, Ant Design's theme and locale, the signed-in person. */
export function AppProviders({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed>{children}</Themed>
      </I18nProvider>
    </QueryClientProvider>
  );
}
