// Renders one page of the web app the way App.tsx routes it, inside the app's own providers, with a
// fake server in place of fetch. Component tests (jest.config.cjs, project `component`) use it.
import { createCache, StyleProvider } from '@ant-design/cssinjs';
import { QueryClient } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import { render, RenderResult } from '@testing-library/react';
import userEvent, { UserEvent } from '@testing-library/user-event';
import { ReactElement, ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { DealApprovalView, DealStage, DealView, FieldProblem, MeView } from '@ztt/contracts';
import { setTokens } from '../src/api/client';
import { createQueryClient } from '../src/api/queries';
import { useAuth } from '../src/auth/auth';
import { AppProviders } from '../src/providers';

/** One request the page sent. */
export interface Call {
  method: string;
  path: string;
  body: unknown;
}

class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** An answer with a status other than 200. */
export const reply = (status: number, body?: unknown) => new Reply(status, body);

/** The API's error body (docs/style.md, Errors), in the page's language. */
export const failure = (status: number, code: string, message: string, details: FieldProblem[] = []) => reply(status, { error: { code, message, requestId: 'test', details } });

type Handler = (call: Call) => unknown;

/** Answers the few endpoints a page calls; anything else is a 404, and every request is recorded. */
export class FakeServer {
  readonly calls: Call[] = [];
  private readonly routes = new Map<string, Handler>();

  /** `answer` is the 200 body, a reply(…), or a function of the request giving either. */
  on(method: string, path: string, answer: unknown): this {
    this.routes.set(`${method} ${path}`, typeof answer === 'function' ? (answer as Handler) : () => answer);
    return this;
  }

  /** The requests sent to one endpoint, in order. */
  sent(method: string, path: string): Call[] {
    return this.calls.filter((c) => c.method === method && c.path === path);
  }

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const call: Call = { method, path: url.pathname.replace(/^\/api/, '') + url.search, body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body };
    this.calls.push(call);
    const route = this.routes.get(`${method} ${call.path}`);
    const answer = route ? route(call) : failure(404, 'NOT_FOUND', '未找到该内容');
    const { status, body } = answer instanceof Reply ? answer : new Reply(200, answer);
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: String(status),
      headers: { get: () => null },
      json: async () => (body === undefined ? Promise.reject(new SyntaxError('no body')) : JSON.parse(JSON.stringify(body))),
      blob: async () => new Blob([]),
    } as unknown as Response;
  };
}

/** Someone signed in: one verified organisation they are an active admin of. */
export function member(overrides: Partial<MeView> = {}): MeView {
  return {
    id: 'u-1',
    email: 'li.na@example.cn',
    displayName: '李娜',
    phone: '13800000000',
    locale: 'zh-CN',
    platformRoles: [],
    memberships: [
      {
        organisationId: 'org-1',
        organisationName: '湛江海洋科技有限公司',
        organisationType: 'enterprise',
        verificationStatus: 'verified',
        role: 'admin',
        status: 'active',
      },
    ] as MeView['memberships'],
    createdAt: '2026-01-05T02:00:00.000Z',
    ...overrides,
  };
}

/** The page waits for the signed-in person, as App.tsx's RequireAuth does. */
function SignedIn({ children }: { children: ReactNode }) {
  const { loading } = useAuth();
  return loading ? null : <>{children}</>;
}

export interface Rendered extends RenderResult {
  user: UserEvent;
  queryClient: QueryClient;
}

/**
 * Renders `routes` (path → element, as App.tsx declares them) at `at`, signed in as `me`, answering
 * from `server`. Queries do not retry, so a failure shows at once.
 */
export function renderPage({ at, routes, server, me = member() }: { at: string; routes: Record<string, ReactElement>; server: FakeServer; me?: MeView }): Rendered {
  globalThis.fetch = server.fetch;
  server.on('GET', '/me', me);
  setTokens({ accessToken: 'test-access-token' } as Parameters<typeof setTokens>[0]);
  const queryClient = createQueryClient();
  const defaults = queryClient.getDefaultOptions();
  queryClient.setDefaultOptions({ ...defaults, queries: { ...defaults.queries, retry: false, gcTime: Infinity } });
  const user = userEvent.setup();
  // Ant Design's styles are worked out as on a server and never put into jsdom's document: jsdom parses
  // every injected stylesheet and walks them all on each getComputedStyle, which made a test of a form
  // take a minute. No test asserts on a computed style (the browser tier checks looks).
  const result = render(
    <StyleProvider cache={createCache()} mock="server">
      <MemoryRouter initialEntries={[at]}>
        <AppProviders queryClient={queryClient}>
          {/* No styles, so no animations to wait for either: a dialog closes, a message leaves, at once. */}
          <ConfigProvider theme={{ token: { motion: false } }}>
            <SignedIn>
              <Routes>
                {Object.entries(routes).map(([path, element]) => (
                  <Route key={path} path={path} element={element} />
                ))}
              </Routes>
            </SignedIn>
          </ConfigProvider>
        </AppProviders>
      </MemoryRouter>
    </StyleProvider>,
  );
  return { ...result, user, queryClient };
}

/** Forgets the session and the cache between tests. */
export function signOut(rendered?: Rendered): void {
  rendered?.queryClient.clear();
  setTokens(null);
}

/** A pending 职务成果 approval of deal-1 by its supply side (org-2), with what a test changes. */
export function approval(overrides: Partial<DealApprovalView> = {}): DealApprovalView {
  return {
    id: 'appr-1',
    dealId: 'deal-1',
    dealTitle: '对虾水质监测系统技术转让',
    achievementId: 'ach-1',
    achievementTitle: '池塘溶解氧传感器',
    organisationId: 'org-2',
    organisationName: '广东海洋大学',
    status: 'pending',
    requestedBy: 'u-b1',
    requestedByName: '陈立',
    requestedAt: '2026-03-03T08:00:00.000Z',
    decidedBy: null,
    decidedByName: null,
    decidedAt: null,
    comment: null,
    noticeDays: 15,
    noticeEndsOn: null,
    ...overrides,
  };
}

/** A deal as GET /deals/:id answers it: a broker's view of a lead between two organisations. */
export function dealView(overrides: Partial<DealView> = {}): DealView {
  return {
    id: 'deal-1',
    title: '对虾水质监测系统技术转让',
    stage: 'lead' as DealStage,
    version: 1,
    viewerRole: 'broker',
    matchId: 'match-1',
    needId: 'need-1',
    needTitle: '对虾养殖水质在线监测',
    achievementId: 'ach-1',
    achievementTitle: '池塘溶解氧传感器',
    challengeId: null,
    demand: { orgId: 'org-1', orgName: '湛江海洋科技有限公司', contact: { name: '李娜' } },
    kind: 'technology',
    financingRequestId: null,
    arrangedAmount: null,
    supply: { orgId: 'org-2', orgName: '广东海洋大学', contact: { name: '王强' } },
    leadBroker: { id: 'u-b1', name: '陈立' },
    coBrokers: [{ id: 'u-b2', name: '周敏' }],
    expectedValue: '1234567.8',
    cooperationMode: 'commissioned-dev',
    nextStep: '安排现场考察',
    nextStepDue: '2026-04-01',
    lostReason: null,
    lostNote: null,
    nda: { documentId: null, signedOn: null },
    commission: null,
    stageChangedAt: '2026-03-01T08:00:00.000Z',
    lastActivityAt: '2026-03-01T08:00:00.000Z',
    createdAt: '2026-03-01T08:00:00.000Z',
    ...overrides,
  };
}
