import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import 'dayjs/locale/zh-cn';
import { ReactNode } from 'react';
import { AuthProvider } from './auth/auth';
import { I18nProvider, useI18n } from './i18n/i18n';

/**
 * Colours that meet WCAG 2.1 AA (4.5:1 for text) on white and on the page's #f5f5f5 (docs/style.md,
 * Accessibility). Ant Design's defaults do not: grey description text is 3.4:1, links #1677ff 4.1:1,
 * status tags green-on-green 2.2:1.
 */
const ACCESSIBLE_TEXT = {
  colorLink: '#0958d9',
  colorLinkHover: '#0b6bcb',
  colorLinkActive: '#003eb3',
  colorError: '#cf1322',
  // the text of success, warning and error messages (Typography type="warning" and the like)
  colorSuccessText: '#237804',
  colorWarningText: '#ad4e00',
  colorErrorText: '#cf1322',
  // descriptions, form help, statistic titles, secondary text: 5.3:1 on #f5f5f5
  colorTextTertiary: '#666666',
  colorTextDescription: '#666666',
  // disabled and empty-state text and placeholders: still greyer than values, 4.5:1 or more
  colorTextQuaternary: '#6b6b6b',
  colorTextDisabled: '#6b6b6b',
  colorTextPlaceholder: '#6b6b6b',
};

/** Tags: the text of each preset colour one shade darker than Ant Design's, over the same light background (4.5:1 or more). */
const ACCESSIBLE_TAGS = {
  colorSuccess: '#237804',
  colorWarning: '#ad4e00',
  colorError: '#a8071a',
  colorInfo: '#0958d9',
  blue7: '#003eb3',
  geekblue7: '#10239e',
  purple7: '#391085',
  magenta7: '#9e1068',
  red7: '#a8071a',
  volcano7: '#ad2102',
  orange7: '#ad4e00',
  gold7: '#874d00',
  yellow7: '#876800',
  lime7: '#3f6600',
  green7: '#237804',
  cyan7: '#006d75',
};

/**
 * Keyboard focus shows on every link and control, the menu's links too (WCAG 2.4.7); a link in running
 * text is underlined, as its colour alone does not set it apart from the words around it (WCAG 1.4.1).
 */
const GLOBAL_CSS = `a:focus-visible, [tabindex]:focus-visible, summary:focus-visible { outline: 2px solid #0958d9; outline-offset: 2px; }
.ant-menu a:focus-visible { outline-offset: -2px; }
p > a, div.ant-typography > a { text-decoration: underline; }`;

function Themed({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={{
        token: { colorPrimary: '#0b6bcb', borderRadius: 6, ...ACCESSIBLE_TEXT },
        components: {
          Menu: { itemPaddingInline: 12 },
          Tag: ACCESSIBLE_TAGS,
        },
      }}
    >
      <style>{GLOBAL_CSS}</style>
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
