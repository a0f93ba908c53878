import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, CreatedPartnerKey, ErrorCode, Page, PARTNER_KEY_PATTERN, PartnerKeyView, PartnerScope, PartnerUsageEntry } from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { OrganisationDirectory } from '@ztt/identity';
import { checkWebhookUrl } from '@ztt/notifications';
import { APP_CONFIG, AppConfig, AppException, AuthContext } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { PartnerApiKey, PartnerApiUsage } from './partner-key.entity';

export interface NewPartnerKey {
  orgId: string;
  name: string;
  scopes: PartnerScope[];
  ratePerMinute: number;
  expiresAt: string;
  webhookUrl?: string | null;
}

/** The caller a partner key stands for, once the key is known good. */
export interface PartnerCaller {
  id: string;
  keyId: string;
  orgId: string;
  scopes: PartnerScope[];
  ratePerMinute: number;
  /** the admin who issued the key: items the key submits are created in their name */
  createdBy: string | null;
}

const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * Partner API keys: issued by a platform admin to a partner organisation and shown once
 * (`ztt_<keyId>_<secret>`); only the secret's SHA-256 is kept. A 32-byte random secret needs no
 * slow hash: there is nothing to guess from its digest. Issuing and revoking are audited.
 */
@Injectable()
export class PartnerKeysService {
  private readonly logger = new Logger('PartnerKeys');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: AuthContext, input: NewPartnerKey): Promise<CreatedPartnerKey> {
    const org = await this.organisations.find(input.orgId);
    if (!org) throw AppException.validation([{ field: 'orgId', code: 'org_not_found' }]);
    const expiresAt = new Date(input.expiresAt);
    if (!(expiresAt.getTime() > Date.now())) throw AppException.validation([{ field: 'expiresAt', code: 'expires_future' }]);
    const scopes = [...new Set(input.scopes)];
    if (scopes.includes(PartnerScope.Webhooks) && !input.webhookUrl) throw AppException.validation([{ field: 'webhookUrl', code: 'isNotEmpty' }]);
    if (input.webhookUrl) {
      // Checked now, as a user's robot URL is (https, a public address), so a bad URL is refused while the admin is there to fix it.
      const checked = await checkWebhookUrl(input.webhookUrl, { env: this.config.env, allowHosts: this.config.notify.webhookAllowHosts });
      if (!checked.ok) throw AppException.validation([{ field: 'webhookUrl', code: checked.problem }]);
    }
    const keyId = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const saved = await this.db.transaction(async (m) => {
      const row = await m.save(
        PartnerApiKey,
        m.create(PartnerApiKey, {
          keyId,
          secretHash: sha256(secret),
          orgId: org.id,
          name: input.name.trim(),
          scopes,
          ratePerMinute: input.ratePerMinute,
          webhookUrl: input.webhookUrl ?? null,
          expiresAt,
          createdBy: actor.userId,
        }),
      );
      await this.audit.record(
        {
          action: AuditAction.PartnerKeyCreated,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'partner_key',
          targetId: row.id,
          detail: { keyId, orgId: org.id, scopes, ratePerMinute: input.ratePerMinute, expiresAt: expiresAt.toISOString() },
        },
        m,
      );
      return m.findOneByOrFail(PartnerApiKey, { id: row.id });
    });
    return { key: this.view(saved, org.name), secret: `ztt_${keyId}_${secret}` };
  }

  async revoke(actor: AuthContext, id: string): Promise<PartnerKeyView> {
    const row = await this.db.transaction(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(PartnerApiKey)
        .set({ revokedAt: () => 'now()', revokedBy: actor.userId })
        .where('id = :id AND revoked_at IS NULL', { id })
        .execute();
      const key = await m.findOneBy(PartnerApiKey, { id });
      if (!key) throw AppException.notFound();
      if (res.affected !== 1) throw AppException.invalidState();
      await this.audit.record(
        {
          action: AuditAction.PartnerKeyRevoked,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: 'partner_key',
          targetId: id,
          detail: { keyId: key.keyId, orgId: key.orgId },
        },
        m,
      );
      return key;
    });
    const names = await this.organisations.names([row.orgId]);
    return this.view(row, names.get(row.orgId) ?? '');
  }

  async list(page: number, pageSize: number): Promise<Page<PartnerKeyView>> {
    const [rows, total] = await this.db.getRepository(PartnerApiKey).findAndCount({ order: { createdAt: 'DESC', id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
    const names = await this.organisations.names(rows.map((r) => r.orgId));
    return { items: rows.map((r) => this.view(r, names.get(r.orgId) ?? '')), total, page, pageSize };
  }

  /** The calls made with keys, newest first: every key's, or one key's. */
  async usage(q: { keyId?: string; page: number; pageSize: number }): Promise<Page<PartnerUsageEntry>> {
    const [rows, total] = await this.db.getRepository(PartnerApiUsage).findAndCount({
      where: q.keyId ? { keyId: q.keyId } : {},
      order: { at: 'DESC', id: 'DESC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return {
      items: rows.map((r) => ({ id: String(r.id), keyId: r.keyId, method: r.method, route: r.route, status: r.status, at: r.at.toISOString() })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /**
   * The key a request presents, if it is one of ours, unrevoked and unexpired; else 401 with the
   * same answer whatever was wrong with it. `known` is the key's row id when the key id matched a
   * key (so that a refused call with a real key is still logged against it).
   */
  async authenticate(presented: string): Promise<{ caller: PartnerCaller } | { refused: true; known: string | null }> {
    const parts = PARTNER_KEY_PATTERN.exec(presented);
    if (!parts) return { refused: true, known: null };
    const row = await this.db.getRepository(PartnerApiKey).findOneBy({ keyId: parts[1] });
    if (!row) return { refused: true, known: null };
    const good = timingSafeEqual(sha256(parts[2]), row.secretHash);
    if (!good) return { refused: true, known: null };
    if (row.revokedAt || row.expiresAt.getTime() <= Date.now()) return { refused: true, known: row.id };
    return { caller: { id: row.id, keyId: row.keyId, orgId: row.orgId, scopes: row.scopes, ratePerMinute: row.ratePerMinute, createdBy: row.createdBy } };
  }

  /** Logs one call and stamps the key's last use; a failure to log never fails the call. */
  record(keyRowId: string, method: string, route: string, status: number): void {
    void this.db
      .transaction(async (m) => {
        await m.insert(PartnerApiUsage, { keyId: keyRowId, method, route, status });
        await m.update(PartnerApiKey, { id: keyRowId }, { lastUsedAt: () => 'now()' });
      })
      .catch((err: Error) => this.logger.warn({ msg: 'partner API call not logged', error: err.message }));
  }

  static refusal(): AppException {
    return new AppException(ErrorCode.ApiKeyInvalid, HttpStatus.UNAUTHORIZED);
  }

  private view(r: PartnerApiKey, orgName: string): PartnerKeyView {
    const status = r.revokedAt ? 'revoked' : r.expiresAt.getTime() <= Date.now() ? 'expired' : 'active';
    return {
      id: r.id,
      keyId: r.keyId,
      orgId: r.orgId,
      orgName,
      name: r.name,
      scopes: r.scopes,
      ratePerMinute: r.ratePerMinute,
      webhookUrl: r.webhookUrl,
      expiresAt: r.expiresAt.toISOString(),
      createdAt: r.createdAt.toISOString(),
      lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
      revokedAt: r.revokedAt?.toISOString() ?? null,
      status,
    };
  }
}
