import { Inject, Injectable } from '@nestjs/common';
import { ChallengeReader, ChallengesService } from '@ztt/challenges';
import { CatalogueReader, CatalogueService } from '@ztt/catalogue';
import {
  AchievementView,
  beijingDate,
  COUNTY_CODES,
  fromHundredths,
  ChallengeView,
  groupDigits,
  hundredths,
  ItemKind,
  ItemStatus,
  NeedView,
  NoticeView,
  OrganisationPublicView,
  PublicStats,
  VerificationStatus,
} from '@ztt/contracts';
import { OrganisationDirectory, OrganisationsService } from '@ztt/identity';
import { APP_CONFIG, AppConfig } from '@ztt/platform';
import { DashboardService } from '@ztt/read-model';
import { label } from './labels';
import { describe, escapeHtml, escapeXml, paragraphs } from './markup';

export const SITE_NAME = '湛江科技成果转化对接平台';

/** A page rendered on the server: what goes in its <head> and the content inside <div id="root">. */
export interface PublicPage {
  title: string;
  description: string;
  /** the page's path, made absolute with PUBLIC_URL for its canonical URL */
  path: string;
  ogType: 'website' | 'article';
  jsonLd: Record<string, unknown> | null;
  /** HTML, already escaped; null for a page whose head alone is rendered (the app draws the rest) */
  body: string | null;
}

/** What a path outside /api is: a page of ours, a public id that does not exist (404), or a client route the app alone draws. */
export type PageAnswer = { kind: 'page'; page: PublicPage } | { kind: 'missing' } | { kind: 'app' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How many of an organisation's newest published needs, and achievements, its page lists. */
const ORG_PAGE_ITEMS = 10;

/** Client routes under a public prefix that are not a public page (forms, the board's own actions). */
const NOT_AN_ID = new Set(['new']);

/**
 * The public pages rendered on the server (docs/architecture.md, "Pages without JavaScript"):
 * each one reads through the owning domain's exported services exactly what its public API
 * answers an anonymous caller, so nothing confidential can be in it.
 */
@Injectable()
export class PublicPagesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly catalogue: CatalogueService,
    private readonly catalogueReader: CatalogueReader,
    private readonly challenges: ChallengesService,
    private readonly challengeReader: ChallengeReader,
    private readonly organisations: OrganisationsService,
    private readonly directory: OrganisationDirectory,
    private readonly dashboard: DashboardService,
  ) {}

  /** The absolute URL of a path of the site. */
  url(path: string): string {
    return `${this.config.http.publicUrl}${path}`;
  }

  async answer(pathname: string): Promise<PageAnswer> {
    const parts = pathname.split('/').filter(Boolean);
    const [first, id, rest] = parts;
    if (parts.length === 0)
      return this.listing('/', `${SITE_NAME} · 技术需求与科技成果对接`, '发布技术需求与科技成果，智能匹配，经纪人撮合，揭榜挂帅。湛江及湛茂地区的科技成果转化公共服务平台。');
    if (parts.length === 1 && first === 'search')
      return this.listing('/search', `找需求 · 找成果 · ${SITE_NAME}`, '按产业链、县区、合作方式和技术成熟度检索已发布的技术需求与科技成果。');
    if (parts.length === 1 && first === 'challenges') return this.listing('/challenges', `揭榜挂帅 · ${SITE_NAME}`, '企业张榜、团队揭榜：正在征集方案的榜单、截止日期与榜额。');
    if (parts.length === 1 && first === 'stats') return { kind: 'page', page: this.statsPage(await this.dashboard.publicStats()) };
    if (!id || NOT_AN_ID.has(id)) return { kind: 'app' };
    if (parts.length === 2 && (first === 'needs' || first === 'achievements')) return this.itemPage(first === 'needs' ? 'need' : 'achievement', id);
    if (parts.length === 2 && first === 'challenges') return this.challengePage(id);
    if (parts.length === 3 && first === 'challenges' && rest === 'notice') return this.noticePage(id);
    if (parts.length === 2 && first === 'orgs') return this.organisationPage(id);
    return { kind: 'app' };
  }

  private listing(path: string, title: string, description: string): PageAnswer {
    return { kind: 'page', page: { title, description, path, ogType: 'website', jsonLd: null, body: null } };
  }

  private async itemPage(kind: ItemKind, id: string): Promise<PageAnswer> {
    // Looked at first so that a crawler asking for a withdrawn item is not an audited access denial.
    if (!UUID.test(id) || (await this.catalogueReader.find(kind, id))?.status !== ItemStatus.Published) return { kind: 'missing' };
    // The public API's own answer to an anonymous caller: the public part only.
    const view = await this.catalogue.get(undefined, kind, id);
    return { kind: 'page', page: view.kind === 'need' ? needPage(view) : achievementPage(view, this.url(`/orgs/${view.ownerOrgId}`)) };
  }

  private async challengePage(id: string): Promise<PageAnswer> {
    if (!UUID.test(id) || !(await this.challengeReader.publicState(id)).visible) return { kind: 'missing' };
    return { kind: 'page', page: challengePage(await this.challenges.get(undefined, id)) };
  }

  private async noticePage(id: string): Promise<PageAnswer> {
    if (!UUID.test(id) || !(await this.challengeReader.publicState(id)).decided) return { kind: 'missing' };
    return { kind: 'page', page: noticePage(await this.challenges.notice(undefined, id)) };
  }

  private async organisationPage(id: string): Promise<PageAnswer> {
    if (!UUID.test(id) || (await this.directory.find(id))?.verificationStatus !== VerificationStatus.Verified) return { kind: 'missing' };
    const newest = (kind: ItemKind) => this.catalogueReader.browse(kind, { org: id }, 'newest', { page: 1, pageSize: ORG_PAGE_ITEMS });
    const [card, needs, achievements] = await Promise.all([this.organisations.get(undefined, id), newest('need'), newest('achievement')]);
    return { kind: 'page', page: organisationPage(card as OrganisationPublicView, this.url(`/orgs/${id}`), { needs, achievements }) };
  }

  private statsPage(stats: PublicStats): PublicPage {
    const industries = stats.byIndustry.map(
      (r) => `<tr><th scope="row">${escapeHtml(label.industry(r.key))}</th><td>${r.needs}</td><td>${r.achievements}</td><td>${r.challenges}</td></tr>`,
    );
    const regions = stats.byRegion.map(
      (r) => `<tr><th scope="row">${escapeHtml(label.region(r.key))}</th><td>${r.needs}</td><td>${r.achievements}</td><td>${r.challenges}</td></tr>`,
    );
    const table = (caption: string, rows: string[]) =>
      `<table><caption>${caption}</caption><thead><tr><th scope="col"></th><th scope="col">需求</th><th scope="col">成果</th><th scope="col">榜单</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
    const description = `已发布技术需求 ${stats.needs} 项、科技成果 ${stats.achievements} 项、揭榜挂帅榜单 ${stats.challenges} 个，登记技术合同 ${stats.registeredContracts} 份。`;
    return {
      title: `平台数据 · ${SITE_NAME}`,
      description,
      path: '/stats',
      ogType: 'website',
      jsonLd: {
        '@type': 'Dataset',
        name: `${SITE_NAME}公开统计`,
        description,
        url: this.url('/stats'),
        inLanguage: 'zh-CN',
        isAccessibleForFree: true,
        creator: { '@type': 'Organization', name: SITE_NAME, url: this.url('/') },
        dateModified: beijingDate(),
        variableMeasured: ['已发布技术需求', '已发布科技成果', '揭榜挂帅榜单', '登记技术合同'],
        distribution: { '@type': 'DataDownload', encodingFormat: 'application/json', contentUrl: this.url('/api/public/stats') },
      },
      body: article(
        '平台数据',
        [
          `<dl>${facts([
            ['已发布技术需求', String(stats.needs)],
            ['已发布科技成果', String(stats.achievements)],
            ['揭榜挂帅榜单', String(stats.challenges)],
            ['登记技术合同', String(stats.registeredContracts)],
          ])}</dl>`,
          table('按产业', industries),
          table('按县区', regions),
        ].join(''),
      ),
    };
  }

  /** Every published public page with when it last changed, as sitemaps.org describes (computed now: nothing to keep in step). */
  async sitemap(): Promise<string> {
    const [needs, achievements, challenges, organisations] = await Promise.all([
      this.catalogueReader.publishedPages('need'),
      this.catalogueReader.publishedPages('achievement'),
      this.challengeReader.publicPages(),
      this.directory.verifiedPages(),
    ]);
    const latest = (dates: Date[]) => dates.reduce<Date | null>((a, d) => (!a || d > a ? d : a), null);
    const itemsChanged = latest([...needs, ...achievements].map((r) => r.updatedAt));
    const challengesChanged = latest(challenges.map((r) => r.updatedAt));
    const entries: { path: string; lastmod: Date | null }[] = [
      { path: '/', lastmod: latest([itemsChanged, challengesChanged].filter((d): d is Date => !!d)) },
      { path: '/search', lastmod: itemsChanged },
      { path: '/challenges', lastmod: challengesChanged },
      { path: '/stats', lastmod: latest([itemsChanged, challengesChanged].filter((d): d is Date => !!d)) },
      { path: '/brokers', lastmod: null },
      { path: '/experts', lastmod: null },
      ...COUNTY_CODES.map((c) => ({ path: `/counties/${c}`, lastmod: null })),
      ...needs.map((r) => ({ path: `/needs/${r.id}`, lastmod: r.updatedAt })),
      ...achievements.map((r) => ({ path: `/achievements/${r.id}`, lastmod: r.updatedAt })),
      ...challenges.map((r) => ({ path: `/challenges/${r.id}`, lastmod: r.updatedAt })),
      ...challenges.filter((r) => r.noticeUpdatedAt).map((r) => ({ path: `/challenges/${r.id}/notice`, lastmod: r.noticeUpdatedAt })),
      ...organisations.map((r) => ({ path: `/orgs/${r.id}`, lastmod: r.updatedAt })),
    ];
    const urls = entries.map((e) => `  <url><loc>${escapeXml(this.url(e.path))}</loc>${e.lastmod ? `<lastmod>${e.lastmod.toISOString()}</lastmod>` : ''}</url>`);
    return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
  }

  /** Public pages open to crawlers; signed-in areas, forms and the API (but its documentation) closed. */
  robots(): string {
    const closed = [
      '/api/',
      '/admin',
      '/my/',
      '/deals',
      '/broker',
      '/review/',
      '/disclosures',
      '/notifications',
      '/profile',
      '/organisation',
      '/onboarding',
      '/login',
      '/register',
      '/needs/new',
      '/achievements/new',
      '/challenges/new',
      '/*/edit',
      '/challenges/*/apply',
      '/challenges/*/milestones',
    ];
    return ['User-agent: *', 'Allow: /', 'Allow: /api/docs', ...closed.map((p) => `Disallow: ${p}`), '', `Sitemap: ${this.url('/sitemap.xml')}`, ''].join('\n');
  }
}

function facts(rows: [string, string | null][]): string {
  return rows
    .filter((r): r is [string, string] => !!r[1])
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join('');
}

function section(heading: string, html: string): string {
  return html ? `<section><h2>${escapeHtml(heading)}</h2>${html}</section>` : '';
}

function article(title: string, content: string): string {
  return `<h1>${escapeHtml(title)}</h1>${content}`;
}

/** 万元 as 元, exactly. */
const wanToYuan = (wan: string) => fromHundredths(hundredths(wan) * 10000n);
const list = (values: string[]) => (values.length ? values.join('、') : null);
const dateOf = (iso: string | null) => (iso ? beijingDate(new Date(iso)) : null);

function budget(n: NeedView): string {
  if (n.budgetNegotiable || (!n.budgetMin && !n.budgetMax)) return '面议';
  if (n.budgetMin && n.budgetMax) return `${groupDigits(n.budgetMin)}–${groupDigits(n.budgetMax)} 万元`;
  return `${groupDigits((n.budgetMin ?? n.budgetMax) as string)} 万元`;
}

function needPage(n: NeedView): PublicPage {
  const description = describe(n.summary);
  return {
    title: `${n.title} · 技术需求 · ${SITE_NAME}`,
    description,
    path: `/needs/${n.id}`,
    ogType: 'article',
    jsonLd: {
      '@type': 'Demand',
      name: n.title,
      description,
      category: label.category(n.category),
      areaServed: label.region(n.region),
      validFrom: n.publishedAt,
      ...(n.deadline ? { validThrough: n.deadline } : {}),
      ...(n.budgetNegotiable || !n.budgetMax
        ? {}
        : {
            priceSpecification: {
              '@type': 'PriceSpecification',
              priceCurrency: 'CNY',
              maxPrice: wanToYuan(n.budgetMax),
              ...(n.budgetMin ? { minPrice: wanToYuan(n.budgetMin) } : {}),
            },
          }),
    },
    body: article(
      n.title,
      [
        `<p>技术需求 · ${escapeHtml(n.ownerOrgName)}</p>`,
        `<p data-field="summary" style="white-space:pre-wrap">${escapeHtml(n.summary)}</p>`,
        `<dl>${facts([
          ['需求类别', label.category(n.category)],
          ['产业链', list(n.chains.map(label.chain))],
          ['所在县区', label.region(n.region)],
          ['技术成熟度', `TRL ${n.trl} · ${label.trl(n.trl)}`],
          ['合作方式', list(n.cooperationModes.map(label.mode))],
          ['预算', budget(n)],
          ['截止日期', n.deadline],
          ['关键词', list(n.keywords)],
          ['发布日期', dateOf(n.publishedAt)],
        ])}</dl>`,
        section('验收指标', paragraphs(n.acceptanceCriteria)),
      ].join(''),
    ),
  };
}

function achievementPage(a: AchievementView, orgUrl: string): PublicPage {
  const description = describe(a.summary);
  return {
    title: `${a.title} · 科技成果 · ${SITE_NAME}`,
    description,
    path: `/achievements/${a.id}`,
    ogType: 'article',
    jsonLd: {
      '@type': 'CreativeWork',
      name: a.title,
      description,
      abstract: a.summary,
      keywords: a.keywords.join(','),
      inLanguage: 'zh-CN',
      datePublished: a.publishedAt,
      dateModified: a.updatedAt,
      creator: { '@type': 'Organization', name: a.ownerOrgName, url: orgUrl },
      about: a.chains.map(label.chain),
      ...(a.priceNegotiable || !a.askingPrice ? {} : { offers: { '@type': 'Offer', priceCurrency: 'CNY', price: wanToYuan(a.askingPrice) } }),
    },
    body: article(
      a.title,
      [
        `<p>科技成果 · ${escapeHtml(a.ownerOrgName)}</p>`,
        `<p data-field="summary" style="white-space:pre-wrap">${escapeHtml(a.summary)}</p>`,
        `<dl>${facts([
          ['产业链', list(a.chains.map(label.chain))],
          ['所在县区', label.region(a.region)],
          ['成熟度', label.maturity(a.maturityStage)],
          ['技术成熟度', `TRL ${a.trl} · ${label.trl(a.trl)}`],
          ['知识产权', list(a.ipItems.map((i) => label.ipType(i.type)))],
          ['合作方式', list(a.cooperationModes.map(label.mode))],
          ['转让价格', a.priceNegotiable || !a.askingPrice ? '面议' : `${groupDigits(a.askingPrice)} 万元`],
          ['关键词', list(a.keywords)],
          ['发布日期', dateOf(a.publishedAt)],
        ])}</dl>`,
        section('应用领域', paragraphs(a.applicationFields)),
        section('已取得的成效', paragraphs(a.provenResults)),
      ].join(''),
    ),
  };
}

function challengePage(c: ChallengeView): PublicPage {
  const description = describe(c.background);
  return {
    title: `${c.title} · 揭榜挂帅 · ${SITE_NAME}`,
    description,
    path: `/challenges/${c.id}`,
    ogType: 'article',
    jsonLd: {
      '@type': 'Demand',
      name: c.title,
      description,
      validFrom: c.publishedAt,
      validThrough: c.applicationDeadline,
      priceSpecification: { '@type': 'PriceSpecification', priceCurrency: 'CNY', price: c.bounty },
    },
    body: article(
      c.title,
      [
        `<p>揭榜挂帅 · ${escapeHtml(c.ownerOrgName)}</p>`,
        `<dl>${facts([
          ['榜额', `¥${groupDigits(c.bounty)}`],
          ['揭榜截止', beijingDate(new Date(c.applicationDeadline))],
          ['攻关周期', `${c.periodMonths} 个月`],
          ['产业链', list(c.chains.map(label.chain))],
        ])}</dl>`,
        section('榜单背景', paragraphs(c.background)),
        section('攻关指标', c.indicators.length ? `<ul>${c.indicators.map((i) => `<li>${escapeHtml(indicatorText(i))}</li>`).join('')}</ul>` : ''),
      ].join(''),
    ),
  };
}

function indicatorText(i: ChallengeView['indicators'][number]): string {
  return `${i.name}：${i.target}${i.unit ? ` ${i.unit}` : ''}`;
}

function noticePage(n: NoticeView): PublicPage {
  const description = describe(`${n.title}：${n.rationale}`);
  return {
    title: `结果公示：${n.title} · ${SITE_NAME}`,
    description,
    path: `/challenges/${n.challengeId}/notice`,
    ogType: 'article',
    jsonLd: { '@type': 'Article', headline: `结果公示：${n.title}`, description, datePublished: n.decidedAt, inLanguage: 'zh-CN' },
    body: article(
      `结果公示：${n.title}`,
      [
        `<dl>${facts([
          ['决定日期', dateOf(n.decidedAt)],
          ['公示截止', dateOf(n.noticeEndsAt)],
          ['入选团队', list(n.winners.map((w) => w.orgName))],
        ])}</dl>`,
        section('决定理由', paragraphs(n.rationale)),
      ].join(''),
    ),
  };
}

type Listed = Awaited<ReturnType<CatalogueReader['browse']>>;

/** An organisation's newest published items of one kind, as links, with how many there are in all. */
function publishedList(heading: string, kindPath: string, listed: Listed): string {
  if (!listed.total) return '';
  const items = listed.rows.map((r) => `<li><a href="/${kindPath}/${r.id}">${escapeHtml(r.title)}</a></li>`).join('');
  return section(`${heading}（共 ${listed.total} 项）`, `<ul>${items}</ul>`);
}

function organisationPage(o: OrganisationPublicView, url: string, published: { needs: Listed; achievements: Listed }): PublicPage {
  const description = describe(`${o.name}：${label.organisationType(o.type)}，${label.region(o.region)}。已在${SITE_NAME}认证。`);
  return {
    title: `${o.name} · ${SITE_NAME}`,
    description,
    path: `/orgs/${o.id}`,
    ogType: 'website',
    jsonLd: { '@type': 'Organization', name: o.name, url, address: { '@type': 'PostalAddress', addressRegion: label.region(o.region), addressCountry: 'CN' } },
    body: article(
      o.name,
      `<dl>${facts([
        ['机构类型', label.organisationType(o.type)],
        ['所在县区', label.region(o.region)],
        ['产业', list(o.industries.map(label.industry))],
        ['认证', '已认证'],
      ])}</dl>` +
        publishedList('发布的技术需求', 'needs', published.needs) +
        publishedList('发布的科技成果', 'achievements', published.achievements),
    ),
  };
}
