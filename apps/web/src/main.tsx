import { StrictMode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import 'dayjs/locale/zh-cn';
import { App } from './App';
import { createQueryClient } from './api/queries';
import { AuthProvider } from './auth/auth';
import { I18nProvider, useI18n } from './i18n/i18n';

const queryClient = createQueryClient();

function Themed() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#0b6bcb', borderRadius: 6 }, components: { Menu: { itemPaddingInline: 12 } } }}>
      {/* Toasts open below the 64 px header, so they never cover the menu a person reaches for next. */}
      <AntApp message={{ top: 72 }}>
        <AuthProvider>
          <App />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <BrowserRouter>
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <Themed />
        </I18nProvider>
      </QueryClientProvider>
    </BrowserRouter>
  </StrictMode>,
);
