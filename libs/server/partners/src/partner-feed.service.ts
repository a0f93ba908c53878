import { Inject, Injectable } from '@nestjs/common';
import { ItemKind, ItemStatus, PartnerScope } from '@ztt/contracts';
import { Achievement, CatalogueChange, CatalogueChanges, ChangePosition, TechNeed } from '@ztt/catalogue';
import { ChallengeChanges } from '@ztt/challenges';
import { OrganisationDirectory } from '@ztt/identity';
import { APP_CONFIG, AppConfig, AppException } from '@ztt/platform';

export type FeedKind = ItemKind | 'challenge';
const KIND_ORDER: FeedKind[] = ['need', 'achievement', 'challenge'];

/** A change younger than this is left for the next call, so a transaction committing late is not stepped over. */
export const FEED_SETTLE_MS = 1_000;
export const FEED_MAX_LIMIT = 200;

/** The public fields of a need, an achievement or a challenge; what does not apply to a kind is null. */
export interface PartnerFeedItem {
  title: string;
  /** a need's or achievement's summary; a challenge's background */
  summary: string;
  status: string;
  chains: string[];
  industries: string[];
  keywords: string[];
  region: string | null;
  trl: number | null;
  ownerOrgName: string;
  publishedAt: string | null;
  /** the item's public page */
  url: string;
  /** needs: 万元 */
  budgetMin: string | null;
  budgetMax: string | null;
  budgetNegotiable: boolean | null;
  deadline: string | null;
  /** achievements: 万元 */
  askingPrice: string | null;
  priceNegotiable: boolean | null;
  /** challenges: 元 */
  bounty: string | null;
  applicationDeadline: string | null;
  mode: string | null;
}

export interface PartnerFeedEntry {
  kind: FeedKind;
  id: string;
  /** upsert: the item is public, here as it is now; tombstone: it left the public catalogue (withdrawn, closed, expired, back in review) */
  change: 'upsert' | 'tombstone';
  changedAt: string;
  item: PartnerFeedItem | null;
}

export interface PartnerFeedPage {
  entries: PartnerFeedEntry[];
  /** where the next call starts; given even when nothing changed, to keep and send back */
  nextCursor: string;
  /** more changes are waiting right now: call again with nextCursor at once */
  hasMore: boolean;
}

type Positions = Partial<Record<FeedKind, ChangePosition>>;

interface Candidate {
  kind: FeedKind;
  position: ChangePosition;
  entry: () => PartnerFeedEntry;
  ownerOrgId: string;
}

/**
 * The partners' change feed: needs, achievements (catalogue:read) and challenges
 * (challenges:read) that were public once and changed after the cursor, oldest change first,
 * with their public fields only. The cursor holds one position per kind in its (updated_at, id)
 * order, read through each domain's own change reader; it is opaque to partners.
 */
@Injectable()
export class PartnerFeedService {
  constructor(
    private readonly catalogue: CatalogueChanges,
    private readonly challenges: ChallengeChanges,
    private readonly organisations: OrganisationDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async page(scopes: PartnerScope[], cursor: string | undefined, limit: number): Promise<PartnerFeedPage> {
    const positions = decodeCursor(cursor);
    const kinds = KIND_ORDER.filter((k) => (k === 'challenge' ? scopes.includes(PartnerScope.ChallengesRead) : scopes.includes(PartnerScope.CatalogueRead)));
    const candidates: Candidate[] = [];
    for (const kind of kinds) {
      if (kind === 'challenge') {
        for (const { position, challenge: c } of await this.challenges.after(positions.challenge ?? null, limit + 1, FEED_SETTLE_MS)) {
          candidates.push({
            kind,
            position,
            ownerOrgId: c.ownerOrgId,
            entry: () => ({
              kind,
              id: c.id,
              change: 'upsert',
              changedAt: position.at,
              item: {
                ...EMPTY,
                title: c.title,
                summary: c.background,
                status: c.status,
                chains: c.chains,
                industries: c.industries,
                ownerOrgName: '',
                publishedAt: c.publishedAt?.toISOString() ?? null,
                url: `${this.config.http.publicUrl}/challenges/${c.id}`,
                bounty: c.bounty,
                applicationDeadline: c.applicationDeadline.toISOString(),
                mode: c.mode,
              },
            }),
          });
        }
      } else {
        for (const change of await this.catalogue.after(kind, positions[kind] ?? null, limit + 1, FEED_SETTLE_MS)) {
          candidates.push({ kind, position: change.position, ownerOrgId: change.item.ownerOrgId, entry: () => this.itemEntry(kind, change) });
        }
      }
    }
    candidates.sort((a, b) =>
      a.position.at < b.position.at ? -1 : a.position.at > b.position.at ? 1 : KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.position.id < b.position.id ? -1 : 1),
    );
    const taken = candidates.slice(0, limit);
    const next: Positions = { ...positions };
    for (const c of taken) next[c.kind] = c.position;
    const names = await this.organisations.names(taken.map((c) => c.ownerOrgId));
    const entries = taken.map((c) => {
      const e = c.entry();
      if (e.item) e.item.ownerOrgName = names.get(c.ownerOrgId) ?? '';
      return e;
    });
    return { entries, nextCursor: encodeCursor(next), hasMore: candidates.length > limit };
  }

  private itemEntry(kind: ItemKind, { position, item }: CatalogueChange): PartnerFeedEntry {
    if (item.status !== ItemStatus.Published) return { kind, id: item.id, change: 'tombstone', changedAt: position.at, item: null };
    const common = {
      ...EMPTY,
      title: item.title,
      summary: item.summary,
      status: item.status,
      chains: item.chains,
      industries: item.industries,
      keywords: item.keywords,
      region: item.region,
      trl: item.trl,
      ownerOrgName: '',
      publishedAt: item.publishedAt?.toISOString() ?? null,
      url: `${this.config.http.publicUrl}/${kind === 'need' ? 'needs' : 'achievements'}/${item.id}`,
    };
    if (kind === 'need') {
      const n = item as TechNeed;
      return {
        kind,
        id: item.id,
        change: 'upsert',
        changedAt: position.at,
        item: { ...common, budgetMin: n.budgetMin, budgetMax: n.budgetMax, budgetNegotiable: n.budgetNegotiable, deadline: n.deadline },
      };
    }
    const a = item as Achievement;
    return { kind, id: item.id, change: 'upsert', changedAt: position.at, item: { ...common, askingPrice: a.askingPrice, priceNegotiable: a.priceNegotiable } };
  }
}

const EMPTY: PartnerFeedItem = {
  title: '',
  summary: '',
  status: '',
  chains: [],
  industries: [],
  keywords: [],
  region: null,
  trl: null,
  ownerOrgName: '',
  publishedAt: null,
  url: '',
  budgetMin: null,
  budgetMax: null,
  budgetNegotiable: null,
  deadline: null,
  askingPrice: null,
  priceNegotiable: null,
  bounty: null,
  applicationDeadline: null,
  mode: null,
};

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(p: Positions): string {
  const short = (k: FeedKind) => (p[k] ? [p[k].at, p[k].id] : null);
  return Buffer.from(JSON.stringify({ v: 1, n: short('need'), a: short('achievement'), c: short('challenge') }), 'utf8').toString('base64url');
}

/** The positions a cursor holds; a cursor that is not one of ours is a 400 on `cursor`. */
export function decodeCursor(cursor: string | undefined): Positions {
  if (!cursor) return {};
  const bad = () => AppException.validation([{ field: 'cursor', code: 'cursor_invalid' }]);
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const o = raw as { v?: unknown; n?: unknown; a?: unknown; c?: unknown } | null;
  if (!o || typeof o !== 'object' || o.v !== 1) throw bad();
  const out: Positions = {};
  for (const [field, kind] of [
    ['n', 'need'],
    ['a', 'achievement'],
    ['c', 'challenge'],
  ] as const) {
    const v = o[field];
    if (v === null || v === undefined) continue;
    if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'string' || typeof v[1] !== 'string' || !AT.test(v[0]) || !UUID.test(v[1])) throw bad();
    out[kind] = { at: v[0], id: v[1] };
  }
  return out;
}
