import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  DELETED_EMAIL_DOMAIN,
  DELETED_USER_NAME,
  ErrorCode,
  PERSONAL_DATA_EXPORT_FORMAT,
  PERSONAL_DATA_EXPORT_VERSION,
  PersonalDataExport,
  UserStatus,
} from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { LoginThrottleService, User } from '@ztt/identity';
import { APP_CONFIG, AppConfig, AppException, AuthContext, createRedis, currentRequest, OutboxTopic, writeOutbox } from '@ztt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { Erasure, mentions, MIN_PHONE_SUBSTRING, scrubJson, scrubText } from './scrub';

type Row = Record<string, unknown>;

/** Free-text columns others may have typed a person's e-mail or phone into. */
const FREE_TEXT: [table: string, column: string][] = [
  ['tech_need', 'confidential_details'],
  ['achievement', 'confidential_details'],
  ['disclosure_request', 'reason'],
  ['deal', 'next_step'],
  ['deal_note', 'body'],
  ['deal_message', 'body'],
  ['deal_task', 'title'],
  ['challenge_objection', 'text'],
  ['challenge_objection', 'answer'],
  ['challenge_score', 'comment'],
  ['challenge_reviewer', 'statement'],
  ['notification_delivery', 'last_error'],
];

/**
 * PIPL rights (docs/security.md #26): a person's export of everything held about them, and deletion of
 * their account. Reads and writes other domains' tables with SQL on purpose: identity and the
 * domain libs must not depend on this lib. What is kept, and why: docs/adr/0005-personal-data.md.
 */
@Injectable()
export class PersonalDataService {
  private readonly logger = new Logger('PersonalData');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  async export(actor: AuthContext): Promise<PersonalDataExport> {
    const uid = actor.userId;
    // One snapshot: every section is read in the same repeatable-read transaction.
    const out = await this.db.transaction('REPEATABLE READ', async (m) => {
      const q = (sql: string, params: unknown[] = [uid]) => m.query(sql, params) as Promise<Row[]>;
      const [u] = (await q(`SELECT id, email, display_name, phone, locale, status, created_at, last_login_at FROM app_user WHERE id = $1`)) as {
        id: string;
        email: string;
        display_name: string;
        phone: string | null;
        locale: string;
        status: string;
        created_at: Date;
        last_login_at: Date | null;
      }[];
      if (!u) throw AppException.notFound();
      const email = u.email.toLowerCase();
      const phone = u.phone;
      const byContact = `(lower(i.contact_email) = $2 OR ($3::text IS NOT NULL AND i.contact_phone = $3))`;
      const items = (table: string, extra: string, alsoWhere = '') =>
        q(
          `SELECT i.id, i.owner_org_id AS "ownerOrgId", o.name AS "ownerOrgName", i.title, i.summary, i.status, i.contact_name AS "contactName",
                  i.contact_phone AS "contactPhone", i.contact_email AS "contactEmail", ${extra}
                  (i.created_by = $1) AS "createdByMe", i.created_at AS "createdAt", i.updated_at AS "updatedAt"
             FROM ${table} i JOIN organisation o ON o.id = i.owner_org_id
            WHERE i.created_by = $1 OR ${byContact}${alsoWhere} ORDER BY i.created_at`,
          [uid, email, phone],
        );
      const deals = await q(
        `SELECT d.id, d.title, d.stage, d.demand_org_id AS "demandOrgId", d.supply_org_id AS "supplyOrgId",
                d.demand_contact AS "demandContact", d.supply_contact AS "supplyContact",
                CASE WHEN d.lead_broker_id = $1 THEN 'lead-broker' WHEN $1 = ANY(d.co_broker_ids) THEN 'co-broker'
                     WHEN d.created_by = $1 THEN 'creator' ELSE 'contact' END AS "myRole",
                d.created_at AS "createdAt"
           FROM deal d
          WHERE d.lead_broker_id = $1 OR $1 = ANY(d.co_broker_ids) OR d.created_by = $1
             OR lower(d.demand_contact->>'email') = $2 OR lower(d.supply_contact->>'email') = $2
             OR ($3::text IS NOT NULL AND (d.demand_contact->>'phone' = $3 OR d.supply_contact->>'phone' = $3))
          ORDER BY d.created_at`,
        [uid, email, phone],
      );
      return {
        format: PERSONAL_DATA_EXPORT_FORMAT,
        version: PERSONAL_DATA_EXPORT_VERSION,
        exportedAt: new Date().toISOString(),
        account: {
          id: u.id,
          email: u.email,
          displayName: u.display_name,
          phone: u.phone,
          locale: u.locale,
          status: u.status,
          createdAt: u.created_at.toISOString(),
          lastLoginAt: u.last_login_at?.toISOString() ?? null,
        },
        platformRoles: await q(`SELECT role, granted_at AS "grantedAt" FROM platform_role_assignment WHERE user_id = $1 ORDER BY role`),
        memberships: await q(
          `SELECT m.organisation_id AS "organisationId", o.name AS "organisationName", m.role, m.status, m.created_at AS "createdAt", m.decided_at AS "decidedAt"
             FROM membership m JOIN organisation o ON o.id = m.organisation_id WHERE m.user_id = $1 ORDER BY m.created_at`,
        ),
        sessions: await q(
          `SELECT id, created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt", revoked_reason AS "revokedReason",
                  user_agent AS "userAgent", client_address AS "clientAddress"
             FROM auth_session WHERE user_id = $1 ORDER BY created_at`,
        ),
        loginAttempts: await q(`SELECT occurred_at AS "occurredAt", succeeded, client_address AS "clientAddress" FROM login_attempt WHERE email = $1 ORDER BY occurred_at`, [
          email,
        ]),
        notificationSettings:
          (await q(`SELECT email, webhook_url AS "webhookUrl", webhook_kind AS "webhookKind", updated_at AS "updatedAt" FROM notification_preference WHERE user_id = $1`))[0] ??
          null,
        notifications: await q(`SELECT id, type, params, link, read_at AS "readAt", created_at AS "createdAt" FROM notification WHERE user_id = $1 ORDER BY created_at`),
        organisationsCreated: await q(`SELECT id, name, type, region, created_at AS "createdAt" FROM organisation WHERE created_by = $1 ORDER BY created_at`),
        needs: await items('tech_need', ''),
        achievements: await items('achievement', `i.team,`, ` OR i.team @> jsonb_build_array(jsonb_build_object('userId', $1::text))`),
        attachmentsUploaded: await q(
          `SELECT id, item_kind AS "itemKind", item_id AS "itemId", file_name AS "fileName", mime_type AS "mimeType", size, created_at AS "createdAt"
             FROM attachment WHERE uploaded_by = $1 ORDER BY created_at`,
        ),
        disclosureRequests: await q(
          `SELECT id, item_kind AS "itemKind", item_id AS "itemId", requester_org_id AS "requesterOrgId", reason, status,
                  CASE WHEN requester_user_id = $1 THEN 'requested' ELSE 'decided' END AS "myRole", created_at AS "createdAt", decided_at AS "decidedAt"
             FROM disclosure_request WHERE requester_user_id = $1 OR decided_by = $1 ORDER BY created_at`,
        ),
        matchFeedback: await q(
          `SELECT match_id AS "matchId", verdict, created_at AS "createdAt", updated_at AS "updatedAt" FROM match_feedback WHERE user_id = $1 ORDER BY created_at`,
        ),
        brokerProfile:
          (
            await q(
              `SELECT chains, regions, capacity, active, level, certificate_no AS "certificateNo", certificate_issued_on AS "certificateIssuedOn",
                      certificate_expires_on AS "certificateExpiresOn", firm_org_id AS "firmOrgId", updated_at AS "updatedAt"
                 FROM broker_profile WHERE user_id = $1`,
            )
          )[0] ?? null,
        brokerTraining: await q(
          `SELECT id, held_on AS "heldOn", course, hours::text AS hours, provider, created_at AS "createdAt" FROM broker_training WHERE user_id = $1 ORDER BY held_on, created_at`,
        ),
        brokerRatingsReceived: await q(`SELECT id, deal_id AS "dealId", side, score, created_at AS "createdAt" FROM deal_broker_rating WHERE broker_id = $1 ORDER BY created_at`),
        brokerRatingsGiven: await q(
          `SELECT id, deal_id AS "dealId", broker_id AS "brokerId", side, score, comment, created_at AS "createdAt" FROM deal_broker_rating WHERE rated_by = $1 ORDER BY created_at`,
        ),
        matchesAssigned: await q(
          `SELECT id, need_id AS "needId", achievement_id AS "achievementId", status, assigned_at AS "assignedAt" FROM match WHERE broker_id = $1 ORDER BY assigned_at NULLS LAST, id`,
        ),
        deals,
        dealNotes: await q(`SELECT id, deal_id AS "dealId", body, created_at AS "createdAt" FROM deal_note WHERE author_id = $1 ORDER BY created_at`),
        dealMessages: await q(`SELECT id, deal_id AS "dealId", audience, body, created_at AS "createdAt" FROM deal_message WHERE author_id = $1 ORDER BY created_at`),
        dealTasks: await q(
          `SELECT id, deal_id AS "dealId", title, due_at AS "dueAt", remind_at AS "remindAt", done_at AS "doneAt",
                  (assignee_id = $1) AS "assignedToMe", created_at AS "createdAt"
             FROM deal_task WHERE assignee_id = $1 OR created_by = $1 ORDER BY created_at`,
        ),
        dealDocumentsUploaded: await q(
          `SELECT id, deal_id AS "dealId", kind, title, version, file_name AS "fileName", created_at AS "createdAt" FROM deal_document WHERE uploaded_by = $1 ORDER BY created_at`,
        ),
        challenges: await q(
          `SELECT id, title, status, owner_org_id AS "ownerOrgId", (acceptor_user_id = $1) AS "acceptor", (created_by = $1) AS "createdByMe", created_at AS "createdAt"
             FROM challenge WHERE acceptor_user_id = $1 OR created_by = $1 ORDER BY created_at`,
        ),
        challengeApplications: await q(
          `SELECT a.id, a.challenge_id AS "challengeId", a.org_id AS "orgId", a.status, (a.lead_user_id = $1) AS "lead", a.team,
                  a.technical_route AS "technicalRoute", a.schedule, a.budget::text AS budget, a.budget_notes AS "budgetNotes", a.submitted_at AS "submittedAt"
             FROM challenge_application a
            WHERE a.lead_user_id = $1 OR a.team @> jsonb_build_array(jsonb_build_object('userId', $1::text)) ORDER BY a.submitted_at`,
        ),
        reviewAssignments: await q(
          `SELECT challenge_id AS "challengeId", conflict_application_ids AS "conflictApplicationIds", statement, declared_at AS "declaredAt", created_at AS "createdAt"
             FROM challenge_reviewer WHERE user_id = $1 ORDER BY created_at`,
        ),
        reviewScores: await q(
          `SELECT application_id AS "applicationId", scores, total::text AS total, comment, submitted_at AS "submittedAt" FROM challenge_score WHERE reviewer_id = $1 ORDER BY submitted_at`,
        ),
        challengeObjections: await q(
          `SELECT id, challenge_id AS "challengeId", text, answer, created_at AS "createdAt" FROM challenge_objection WHERE user_id = $1 ORDER BY created_at`,
        ),
        challengeFilesUploaded: await q(
          `SELECT id, owner_type AS "ownerType", owner_id AS "ownerId", file_name AS "fileName", created_at AS "createdAt" FROM challenge_file WHERE uploaded_by = $1 ORDER BY created_at`,
        ),
        commissioner:
          (
            await q(
              `SELECT c.id, c.institution_org_id AS "institutionOrgId", c.chains, c.keywords, c.active, c.created_at AS "createdAt",
                      coalesce((SELECT jsonb_agg(jsonb_build_object('region', a.region, 'town', a.town, 'servedOrgId', a.served_org_id, 'startsOn', a.starts_on, 'endsOn', a.ends_on) ORDER BY a.starts_on)
                                  FROM commissioner_assignment a WHERE a.commissioner_id = c.id), '[]'::jsonb) AS assignments
                 FROM commissioner c WHERE c.user_id = $1`,
            )
          )[0] ?? null,
        commissionerServices: await q(
          `SELECT l.id, l.served_on AS "servedOn", l.place, l.content, l.served_org_id AS "servedOrgId", l.confirmed_at AS "confirmedAt", l.rating, l.rating_comment AS "ratingComment", l.created_at AS "createdAt"
             FROM commissioner_service_log l JOIN commissioner c ON c.id = l.commissioner_id WHERE c.user_id = $1 ORDER BY l.served_on, l.created_at`,
        ),
        serviceConfirmations: await q(
          `SELECT id, served_on AS "servedOn", served_org_id AS "servedOrgId", confirmed_at AS "confirmedAt", rating, rating_comment AS "ratingComment"
             FROM commissioner_service_log WHERE confirmed_by = $1 ORDER BY confirmed_at`,
        ),
        auditLog: await q(
          `SELECT occurred_at AS "occurredAt", action, target_type AS "targetType", target_id AS "targetId", result, client_address AS "clientAddress"
             FROM audit_log WHERE actor_id = $1 ORDER BY id`,
        ),
      } satisfies PersonalDataExport;
    });
    await this.audit.record({ action: AuditAction.DataExported, actorId: uid, actorEmail: actor.email, targetType: 'user', targetId: uid, detail: { kind: 'personal-data' } });
    return out;
  }

  /**
   * Deletes the caller's account in one transaction: the row stays (business records point at
   * it) but holds nothing personal and can never sign in; sessions, memberships, roles, broker
   * profile, notifications and channels go; the person's contact details and name are removed
   * wherever they were copied. Then Redis keys naming the user are dropped.
   */
  async deleteAccount(actor: AuthContext, password: string): Promise<void> {
    const user = await this.db.getRepository(User).findOneBy({ id: actor.userId });
    if (!user) throw AppException.notFound();
    await this.throttle.confirmPassword(user, password, 'password', currentRequest()?.clientAddress ?? null);
    const who: Erasure = { userId: user.id, email: user.email.trim().toLowerCase(), phone: user.phone?.trim() || null, displayName: user.displayName.trim() };
    const counts = await this.db.transaction((m) => this.erase(m, who));
    await this.dropRedisKeys(who);
    this.logger.log({ msg: 'account deleted', userId: who.userId, ...counts });
  }

  private async erase(m: EntityManager, who: Erasure): Promise<Record<string, number>> {
    const uid = who.userId;
    const locked = (await m.query(`SELECT status FROM app_user WHERE id = $1 FOR UPDATE`, [uid])) as { status: string }[];
    if (locked[0]?.status !== UserStatus.Active) throw AppException.invalidState();

    // Refused while they are the only admin of an organisation (the organisations locked, as for any admin change).
    const adminOf = (await m.query(
      `SELECT o.id, o.name FROM membership me JOIN organisation o ON o.id = me.organisation_id
        WHERE me.user_id = $1 AND me.role = 'admin' AND me.status = 'active' ORDER BY o.id FOR UPDATE OF o`,
      [uid],
    )) as { id: string; name: string }[];
    const sole: string[] = [];
    for (const org of adminOf) {
      const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM membership WHERE organisation_id = $1 AND role = 'admin' AND status = 'active' AND user_id <> $2`, [
        org.id,
        uid,
      ])) as { n: number }[];
      if (n === 0) sole.push(org.name);
    }
    if (sole.length) throw new AppException(ErrorCode.LastOrgAdmin, HttpStatus.CONFLICT, [{ field: 'organisations', code: 'last_admin_of', params: { orgs: sole.join('、') } }]);

    const orgIds = ((await m.query(`SELECT organisation_id FROM membership WHERE user_id = $1`, [uid])) as { organisation_id: string }[]).map((r) => r.organisation_id);
    const counts: Record<string, number> = {};
    const affected = (res: unknown): number => (Array.isArray(res) && typeof res[1] === 'number' ? res[1] : 0);

    // Items belong to their organisation and stay; the contact that is this person is blanked.
    counts.items = 0;
    for (const [table, topic, jsonCols] of [
      ['tech_need', OutboxTopic.NeedChanged, ['published_snapshot']],
      ['achievement', OutboxTopic.AchievementChanged, ['published_snapshot', 'team']],
    ] as const) {
      const rows = (await m.query(
        `SELECT id, status, contact_name, contact_phone, contact_email, created_by, owner_org_id, ${jsonCols.join(', ')} FROM ${table}
          WHERE created_by = $1 OR owner_org_id = ANY($2::uuid[]) OR lower(contact_email) = $3 OR ($4::text IS NOT NULL AND contact_phone = $4)
             OR ${jsonCols.map((c) => `strpos(lower(${c}::text), $3) > 0 OR strpos(${c}::text, $1::text) > 0`).join(' OR ')}
          FOR UPDATE`,
        [uid, orgIds, who.email, who.phone],
      )) as Row[];
      for (const r of rows) {
        const isContact = (r.contact_email as string | null)?.toLowerCase() === who.email || (!!who.phone && r.contact_phone === who.phone);
        const inScope = r.created_by === uid || orgIds.includes(r.owner_org_id as string) || isContact;
        const set: Record<string, unknown> = {};
        if ((r.contact_email as string | null)?.toLowerCase() === who.email) set.contact_email = null;
        if (who.phone && r.contact_phone === who.phone) set.contact_phone = null;
        if (inScope && (r.contact_name as string).trim() === who.displayName) set.contact_name = DELETED_USER_NAME;
        for (const c of jsonCols) {
          const next = scrubJson(r[c], who, inScope);
          if (next !== r[c]) set[c] = next;
        }
        if (!Object.keys(set).length) continue;
        const cols = Object.keys(set);
        await m.query(
          `UPDATE ${table} SET ${cols.map((c, i) => `${c} = $${i + 2}${jsonCols.includes(c as never) ? '::jsonb' : ''}`).join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`,
          [r.id, ...cols.map((c) => (jsonCols.includes(c as never) && set[c] !== null ? JSON.stringify(set[c]) : set[c]))],
        );
        if (r.status === 'published') await writeOutbox(m, topic, r.id as string);
        counts.items++;
      }
    }

    // Their own inbox goes first (deliveries with it), so only other people's notifications are rewritten below.
    counts.notifications = affected(await m.query(`DELETE FROM notification WHERE user_id = $1`, [uid]));

    // Stored documents that copied the person: deal contacts, application teams, other people's notifications, report figures.
    counts.documents = 0;
    const docs: { table: string; key: string; cols: string[]; scoped: (r: Row) => boolean }[] = [
      {
        table: 'deal',
        key: 'id',
        cols: ['demand_contact', 'supply_contact'],
        scoped: (r) => orgIds.includes(r.demand_org_id as string) || orgIds.includes(r.supply_org_id as string),
      },
      { table: 'deal_event', key: 'id', cols: ['detail'], scoped: () => false },
      { table: 'challenge_application', key: 'id', cols: ['team'], scoped: (r) => r.lead_user_id === uid || orgIds.includes(r.org_id as string) },
      { table: 'notification', key: 'id', cols: ['params'], scoped: () => true },
      { table: 'quarterly_report', key: 'id', cols: ['figures'], scoped: () => false },
    ];
    for (const d of docs) {
      const extra = d.table === 'deal' ? ', demand_org_id, supply_org_id' : d.table === 'challenge_application' ? ', lead_user_id, org_id' : '';
      const where = d.cols
        .map((c) => `strpos(lower(${c}::text), $1) > 0 OR strpos(${c}::text, $2) > 0 OR strpos(${c}::text, $3) > 0${who.phone ? ` OR strpos(${c}::text, $4) > 0` : ''}`)
        .join(' OR ');
      const rows = (await m.query(
        `SELECT ${d.key}, ${d.cols.join(', ')}${extra} FROM ${d.table} WHERE ${where} FOR UPDATE`,
        who.phone ? [who.email, uid, who.displayName || who.email, who.phone] : [who.email, uid, who.displayName || who.email],
      )) as Row[];
      for (const r of rows) {
        if (!mentions(JSON.stringify(d.cols.map((c) => r[c])), who)) continue;
        const byName = d.scoped(r);
        const set = d.cols.map((c) => [c, r[c], scrubJson(r[c], who, byName)] as const).filter(([, before, after]) => before !== after);
        if (!set.length) continue;
        await m.query(`UPDATE ${d.table} SET ${set.map(([c], i) => `${c} = $${i + 2}::jsonb`).join(', ')} WHERE ${d.key} = $1`, [
          r[d.key],
          ...set.map(([, , after]) => JSON.stringify(after)),
        ]);
        counts.documents++;
      }
    }

    // Their e-mail (and a phone number long enough to be unambiguous) typed into free text by anyone.
    counts.texts = 0;
    const usePhone = !!who.phone && who.phone.length >= MIN_PHONE_SUBSTRING;
    for (const [table, column] of FREE_TEXT) {
      const rows = (await m.query(
        `SELECT ctid::text AS rid, ${column} AS text FROM ${table} WHERE strpos(lower(${column}), $1) > 0${usePhone ? ` OR strpos(${column}, $2) > 0` : ''} FOR UPDATE`,
        usePhone ? [who.email, who.phone] : [who.email],
      )) as { rid: string; text: string }[];
      for (const r of rows) {
        // ctid: not every table has an id column, and the rows are locked for this transaction.
        await m.query(`UPDATE ${table} SET ${column} = $2 WHERE ctid = $1::tid`, [r.rid, scrubText(r.text, who)]);
        counts.texts++;
      }
    }

    // What is theirs alone goes.
    await m.query(`DELETE FROM notification_preference WHERE user_id = $1`, [uid]);
    counts.sessions = affected(await m.query(`DELETE FROM auth_session WHERE user_id = $1`, [uid]));
    await m.query(`DELETE FROM login_attempt WHERE email = $1`, [who.email]);
    counts.memberships = affected(await m.query(`DELETE FROM membership WHERE user_id = $1`, [uid]));
    await m.query(`DELETE FROM platform_role_assignment WHERE user_id = $1`, [uid]);
    await m.query(`DELETE FROM broker_profile WHERE user_id = $1`, [uid]);
    // Open matches go back to the admins' unassigned pile; decided ones keep the (now anonymous) broker.
    counts.matchesUnassigned = affected(
      await m.query(`UPDATE match SET broker_id = NULL, assigned_at = NULL WHERE broker_id = $1 AND status IN ('proposed', 'seen', 'contacted')`, [uid]),
    );

    await m.query(
      `UPDATE app_user SET email = $2, display_name = $3, phone = NULL, password_hash = '!deleted', status = 'deleted', deleted_at = now(),
              last_login_at = NULL, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [uid, `deleted-${uid}@${DELETED_EMAIL_DOMAIN}`, DELETED_USER_NAME],
    );
    // The security log keeps the event with the account id only: no e-mail, no name.
    await this.audit.record({ action: AuditAction.AccountDeleted, actorId: uid, actorEmail: null, targetType: 'user', targetId: uid, detail: counts }, m);
    return counts;
  }

  /** Job payloads hold ids only (docs/security.md), so this finds nothing today; it keeps it so if that ever changes. */
  private async dropRedisKeys(who: Erasure): Promise<void> {
    const client = createRedis(this.config.redis.url, 'probe');
    try {
      if (client.status !== 'ready') await new Promise((resolve, reject) => client.once('ready', resolve).once('error', reject));
      for (const needle of [who.userId, who.email]) {
        let cursor = '0';
        do {
          const [next, keys] = await client.scan(cursor, 'MATCH', `${this.config.redis.prefix}:*${needle.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length) await client.del(...keys);
        } while (cursor !== '0');
      }
    } catch (e) {
      // The account is already gone from the database; a Redis hiccup must not report failure.
      this.logger.error({ msg: 'redis clean-up after account deletion failed', userId: who.userId, error: (e as Error).message });
    } finally {
      client.disconnect();
    }
  }
}
