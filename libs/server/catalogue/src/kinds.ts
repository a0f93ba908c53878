import { AchievementPublic, ItemKind, NeedPublic } from '@ztt/contracts';
import { OutboxTopic } from '@ztt/platform';
import { Achievement, CatalogueItem, TechNeed } from './entities/catalogue-item.entity';

/** What differs between needs and achievements, so one service handles both. */
export interface KindSpec {
  kind: ItemKind;
  entity: typeof TechNeed | typeof Achievement;
  table: 'tech_need' | 'achievement';
  topic: OutboxTopic;
  /** URL segment: /needs/:id, /achievements/:id */
  path: 'needs' | 'achievements';
  /** Fields an owner may change, beyond the shared ones; also what reviewers see diffed. */
  fields: string[];
  publicPart(e: CatalogueItem, orgName: string): NeedPublic | AchievementPublic;
}

const SHARED_FIELDS = ['title', 'summary', 'confidentialDetails', 'chains', 'keywords', 'region', 'trl', 'cooperationModes', 'contactName', 'contactPhone', 'contactEmail'];

function base(e: CatalogueItem, orgName: string) {
  return {
    id: e.id,
    title: e.title,
    summary: e.summary,
    chains: e.chains,
    industries: e.industries,
    keywords: e.keywords,
    region: e.region,
    trl: e.trl,
    cooperationModes: e.cooperationModes,
    status: e.status,
    ownerOrgId: e.ownerOrgId,
    ownerOrgName: orgName,
    publishedAt: e.publishedAt?.toISOString() ?? null,
    updatedAt: e.updatedAt.toISOString(),
  };
}

export const NEED: KindSpec = {
  kind: 'need',
  entity: TechNeed,
  table: 'tech_need',
  topic: OutboxTopic.NeedChanged,
  path: 'needs',
  fields: [...SHARED_FIELDS, 'category', 'budgetMin', 'budgetMax', 'budgetNegotiable', 'deadline', 'acceptanceCriteria'],
  publicPart(e, orgName): NeedPublic {
    const n = e as TechNeed;
    return {
      ...base(n, orgName),
      kind: 'need',
      category: n.category,
      budgetMin: n.budgetMin,
      budgetMax: n.budgetMax,
      budgetNegotiable: n.budgetNegotiable,
      deadline: n.deadline,
      acceptanceCriteria: n.acceptanceCriteria,
    };
  },
};

export const ACHIEVEMENT: KindSpec = {
  kind: 'achievement',
  entity: Achievement,
  table: 'achievement',
  topic: OutboxTopic.AchievementChanged,
  path: 'achievements',
  fields: [
    ...SHARED_FIELDS,
    'maturityStage',
    'ipItems',
    'team',
    'askingPrice',
    'priceNegotiable',
    'priceTerms',
    'applicationFields',
    'provenResults',
    'serviceInvention',
    'fundingSource',
    'rightsGranted',
  ],
  publicPart(e, orgName): AchievementPublic {
    const a = e as Achievement;
    return {
      ...base(a, orgName),
      kind: 'achievement',
      maturityStage: a.maturityStage,
      ipItems: a.ipItems,
      team: a.team.map((t) => ({ name: t.name, title: t.title, userId: t.userId ?? null })),
      askingPrice: a.askingPrice,
      priceNegotiable: a.priceNegotiable,
      priceTerms: a.priceTerms,
      applicationFields: a.applicationFields,
      provenResults: a.provenResults,
      serviceInvention: a.serviceInvention,
      fundingSource: a.fundingSource,
      rightsGranted: a.rightsGranted,
    };
  },
};

export const KINDS: Record<ItemKind, KindSpec> = { need: NEED, achievement: ACHIEVEMENT };
