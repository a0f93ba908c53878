import { Inject, Injectable, Logger } from '@nestjs/common';
import { ItemKind } from '@ztt/contracts';
import { CatalogueReader } from '@ztt/catalogue';
import { OrganisationDirectory } from '@ztt/identity';
import { APP_CONFIG, AppConfig, MEILI_CLIENT } from '@ztt/platform';
import { Meilisearch } from 'meilisearch';
import { FILTERABLE, INDEX_VERSION, SEARCHABLE, SearchDocument, SORTABLE, toDocument } from './documents';

const TASK_TIMEOUT_MS = 30_000;
const BATCH = 500;

/** Owns the Meilisearch indexes: names, settings (set before any document), upserts, rebuilds. */
@Injectable()
export class SearchIndexService {
  private readonly logger = new Logger('SearchIndex');
  private ensured = new Set<string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MEILI_CLIENT) private readonly meili: Meilisearch,
    private readonly catalogue: CatalogueReader,
    private readonly organisations: OrganisationDirectory,
  ) {}

  indexName(kind: ItemKind): string {
    return `${this.config.meili.indexPrefix}_${kind}s`;
  }

  /**
   * Creates the index when missing and applies the settings; cheap after the first call. A live
   * index whose documents were written by an older INDEX_VERSION (another shape, other tokens) is
   * re-indexed in place from the database first, so a worker started on old data brings it up to
   * date by itself (`npm run search:rebuild` does the same through a swap).
   */
  async ensureIndex(uid: string): Promise<void> {
    if (this.ensured.has(uid)) return;
    const existing = await this.meili.getIndex(uid).catch(() => null);
    if (!existing) await this.meili.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: TASK_TIMEOUT_MS });
    const task = await this.meili
      .index(uid)
      .updateSettings({
        searchableAttributes: SEARCHABLE,
        filterableAttributes: FILTERABLE,
        sortableAttributes: SORTABLE,
        displayedAttributes: ['id'],
        // `sort` first: a sorted text search is sorted, relevance only breaks ties; without a sort it is inert.
        rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
        // A typo of a bigram or a synonym token is another word (chinese.ts).
        typoTolerance: { disableOnAttributes: ['titleGrams', 'textGrams'] },
        pagination: { maxTotalHits: 1000 },
      })
      .waitTask({ timeout: TASK_TIMEOUT_MS });
    if (task.status !== 'succeeded') throw new Error(`settings of ${uid} failed: ${task.error?.message}`);
    const kind = (['need', 'achievement'] as const).find((k) => this.indexName(k) === uid);
    if (kind && (await this.indexVersion(uid)) !== INDEX_VERSION) {
      if (existing) await this.reindexInPlace(kind, uid);
      await this.meili
        .index(this.metaIndex())
        .addDocuments([{ id: uid, version: INDEX_VERSION }])
        .waitTask({ timeout: TASK_TIMEOUT_MS });
    }
    this.ensured.add(uid);
  }

  /** Where the INDEX_VERSION each live index was written with is kept: one document per index. */
  private metaIndex(): string {
    return `${this.config.meili.indexPrefix}_meta`;
  }

  private async indexVersion(uid: string): Promise<number | null> {
    const doc = await this.meili
      .index(this.metaIndex())
      .getDocument<{ version: number }>(uid)
      .catch(() => null);
    return doc?.version ?? null;
  }

  private async reindexInPlace(kind: ItemKind, uid: string): Promise<void> {
    const ids = [...(await this.publishedIds(kind))];
    for (let i = 0; i < ids.length; i += BATCH) {
      const docs = await this.documents(kind, ids.slice(i, i + BATCH));
      if (docs.length) await this.meili.index(uid).addDocuments(docs).waitTask({ timeout: TASK_TIMEOUT_MS });
    }
    this.logger.log({ msg: 'index re-indexed for a new document version', index: uid, version: INDEX_VERSION, documents: ids.length });
  }

  /** Documents for the published items among `ids` (others are simply absent). */
  async documents(kind: ItemKind, ids: string[]): Promise<SearchDocument[]> {
    const items = await this.catalogue.published(kind, ids);
    if (!items.length) return [];
    const names = await this.organisations.names(items.map((i) => i.ownerOrgId));
    return items.map((i) => toDocument(kind, i, names.get(i.ownerOrgId) ?? ''));
  }

  async publishedIds(kind: ItemKind): Promise<Set<string>> {
    return new Set(await this.catalogue.publishedIds(kind));
  }

  async indexedIds(uid: string): Promise<Set<string>> {
    const ids = new Set<string>();
    for (let offset = 0; ; offset += 1000) {
      const page = await this.meili.index(uid).getDocuments<{ id: string }>({ fields: ['id'], limit: 1000, offset });
      for (const d of page.results) ids.add(d.id);
      if (page.results.length < 1000) return ids;
    }
  }

  /** Brings the index in line with the database: adds what is missing, removes what should not be there. */
  async reconcile(kind: ItemKind): Promise<{ added: number; removed: number }> {
    const uid = this.indexName(kind);
    await this.ensureIndex(uid);
    const [truth, indexed] = await Promise.all([this.publishedIds(kind), this.indexedIds(uid)]);
    const missing = [...truth].filter((id) => !indexed.has(id));
    const extra = [...indexed].filter((id) => !truth.has(id));
    for (let i = 0; i < missing.length; i += BATCH) {
      const docs = await this.documents(kind, missing.slice(i, i + BATCH));
      if (docs.length) await this.meili.index(uid).addDocuments(docs).waitTask({ timeout: TASK_TIMEOUT_MS });
    }
    if (extra.length) await this.meili.index(uid).deleteDocuments(extra).waitTask({ timeout: TASK_TIMEOUT_MS });
    return { added: missing.length, removed: extra.length };
  }

  /**
   * Builds a fresh index beside the live one from the database, then swaps the two atomically:
   * searches never see a half-built index. The old content is dropped afterwards.
   */
  async rebuild(kind: ItemKind): Promise<{ documents: number }> {
    const live = this.indexName(kind);
    const fresh = `${live}_rebuild_${Date.now()}`;
    await this.ensureIndex(live);
    this.ensured.delete(fresh);
    await this.ensureIndex(fresh);
    const ids = [...(await this.publishedIds(kind))];
    for (let i = 0; i < ids.length; i += BATCH) {
      const docs = await this.documents(kind, ids.slice(i, i + BATCH));
      if (docs.length) await this.meili.index(fresh).addDocuments(docs).waitTask({ timeout: TASK_TIMEOUT_MS });
    }
    const swap = await this.meili.swapIndexes([{ indexes: [live, fresh], rename: false }]).waitTask({ timeout: TASK_TIMEOUT_MS });
    if (swap.status !== 'succeeded') throw new Error(`swap failed: ${swap.error?.message}`);
    await this.meili.deleteIndex(fresh).waitTask({ timeout: TASK_TIMEOUT_MS });
    this.logger.log({ msg: 'index rebuilt', index: live, documents: ids.length });
    return { documents: ids.length };
  }

  /** Loads documents in bulk (the benchmark and the rebuild use the same path as the live sync). */
  async addDocuments(uid: string, docs: SearchDocument[]): Promise<void> {
    await this.ensureIndex(uid);
    // A large batch takes minutes: poll its task twice a second rather than every 50 ms (each poll
    // leaves a listener on the wait's timeout signal).
    const task = await this.meili.index(uid).addDocuments(docs).waitTask({ timeout: 600_000, interval: 500 });
    if (task.status !== 'succeeded') throw new Error(`bulk add failed: ${task.error?.message}`);
  }

  /**
   * Brings a batch of items (the relay's, one kind) in line with the database: the published ones
   * upserted in one Meilisearch task, the others deleted in one more. The same result however
   * often it runs; returns which ids went which way.
   */
  async syncItems(kind: ItemKind, ids: string[]): Promise<{ upserted: string[]; deleted: string[] }> {
    const uid = this.indexName(kind);
    await this.ensureIndex(uid);
    const docs = await this.documents(kind, ids);
    const upserted = docs.map((d) => d.id);
    const published = new Set(upserted);
    const deleted = ids.filter((id) => !published.has(id));
    const index = this.meili.index(uid);
    const tasks = await Promise.all([
      ...(docs.length ? [index.addDocuments(docs).waitTask({ timeout: TASK_TIMEOUT_MS })] : []),
      ...(deleted.length ? [index.deleteDocuments(deleted).waitTask({ timeout: TASK_TIMEOUT_MS })] : []),
    ]);
    for (const task of tasks) if (task.status !== 'succeeded') throw new Error(`index task ${task.uid} ${task.status}: ${task.error?.message}`);
    return { upserted, deleted };
  }
}
