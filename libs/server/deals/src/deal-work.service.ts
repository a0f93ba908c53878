import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, DealAudience, DealConfidentialView, DealDocumentView, DealEventView, DealMessageView, DealNoteView, DealTaskView } from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { CatalogueItem, CatalogueReader } from '@ztt/catalogue';
import { PeopleDirectory } from '@ztt/identity';
import { NotificationsService } from '@ztt/notifications';
import { AppException, AuthContext, FileStore, JobName, QueueService, UploadedFile } from '@ztt/platform';
import { DataSource, In } from 'typeorm';
import { Deal, DealDocument, DealEvent, DealMessage, DealNote, DealTask } from './deal.entity';
import { DealsService } from './deals.service';
import { DocumentFieldsDto, MessageDto, TaskDto } from './dto/deal.dto';

/** The deterministic id of a task's reminder: one job per (task, reminder time). */
export function taskReminderJobId(taskId: string, remindAt: Date): string {
  return `deal-task-${taskId}-${remindAt.getTime()}`;
}

/** A person's display name, or '' for nobody (a system event) or someone unknown. */
function nameOf(names: Map<string, string>, userId: string | null): string {
  return (userId && names.get(userId)) ?? '';
}

/** Notes (brokers only), tasks with reminders, documents with versions, messages to the parties, and the shared timeline. */
@Injectable()
export class DealWorkService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly files: FileStore,
    private readonly deals: DealsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly queues: QueueService,
    private readonly people: PeopleDirectory,
    private readonly catalogue: CatalogueReader,
  ) {}

  // ---- timeline (shared) --------------------------------------------------------------------

  async timeline(actor: AuthContext, id: string): Promise<DealEventView[]> {
    await this.deals.access(actor, id);
    const rows = await this.db.manager.find(DealEvent, { where: { dealId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
    const names = await this.people.names(rows.map((r) => r.actorId));
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      fromStage: r.fromStage,
      toStage: r.toStage,
      actorName: nameOf(names, r.actorId),
      detail: r.detail,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  // ---- confidential details (brokers) -------------------------------------------------------

  /** Brokers see the confidential details of their deal's need and achievement; every view is audited. */
  async confidential(actor: AuthContext, id: string): Promise<DealConfidentialView> {
    const deal = await this.deals.brokerAccess(actor, id);
    const need = deal.needId ? await this.catalogue.find('need', deal.needId) : null;
    const ach = deal.achievementId ? await this.catalogue.find('achievement', deal.achievementId) : null;
    const part = (item: CatalogueItem | null) =>
      item
        ? { id: item.id, title: item.title, confidentialDetails: item.confidentialDetails, contact: { name: item.contactName, phone: item.contactPhone, email: item.contactEmail } }
        : null;
    for (const [kind, item] of [
      ['need', need],
      ['achievement', ach],
    ] as const) {
      if (item)
        await this.audit.record({
          action: AuditAction.ConfidentialViewed,
          actorId: actor.userId,
          actorEmail: actor.email,
          targetType: kind,
          targetId: item.id,
          detail: { dealId: id },
        });
    }
    return { need: part(need), achievement: part(ach) };
  }

  // ---- private notes ------------------------------------------------------------------------

  async notes(actor: AuthContext, id: string): Promise<DealNoteView[]> {
    await this.deals.brokerAccess(actor, id);
    const rows = await this.db.manager.find(DealNote, { where: { dealId: id }, order: { createdAt: 'DESC' } });
    const names = await this.people.names(rows.map((r) => r.authorId));
    return rows.map((r) => ({ id: r.id, body: r.body, authorName: nameOf(names, r.authorId), createdAt: r.createdAt.toISOString() }));
  }

  async addNote(actor: AuthContext, id: string, body: string): Promise<DealNoteView> {
    await this.deals.brokerAccess(actor, id);
    const note = await this.db.transaction(async (m) => {
      await this.deals.touch(m, id);
      return m.save(m.create(DealNote, { dealId: id, authorId: actor.userId, body: body.trim() }));
    });
    return { id: note.id, body: note.body, authorName: actor.displayName, createdAt: note.createdAt.toISOString() };
  }

  // ---- tasks and reminders ------------------------------------------------------------------

  async tasks(actor: AuthContext, id: string): Promise<DealTaskView[]> {
    await this.deals.brokerAccess(actor, id);
    const rows = await this.db.manager.find(DealTask, { where: { dealId: id }, order: { doneAt: { direction: 'ASC', nulls: 'FIRST' }, dueAt: 'ASC' } });
    const names = await this.people.names(rows.map((r) => r.assigneeId));
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      dueAt: r.dueAt.toISOString(),
      remindAt: r.remindAt?.toISOString() ?? null,
      assigneeId: r.assigneeId,
      assigneeName: nameOf(names, r.assigneeId),
      doneAt: r.doneAt?.toISOString() ?? null,
      remindedAt: r.remindedAt?.toISOString() ?? null,
    }));
  }

  /** A task with a reminder: a delayed job with a deterministic id, queued once the task is stored. */
  async addTask(actor: AuthContext, id: string, dto: TaskDto): Promise<DealTaskView> {
    const deal = await this.deals.brokerAccess(actor, id);
    const assigneeId = dto.assigneeId ?? actor.userId;
    if (assigneeId !== deal.leadBrokerId && !deal.coBrokerIds.includes(assigneeId)) throw AppException.validation([{ field: 'assigneeId', code: 'deal_not_broker' }]);
    const dueAt = new Date(dto.dueAt);
    const remindAt = dto.remindAt ? new Date(dto.remindAt) : new Date(dueAt.getTime() - 24 * 3_600_000);
    const task = await this.db.transaction(async (m) => {
      await this.deals.touch(m, id);
      return m.save(m.create(DealTask, { dealId: id, title: dto.title.trim(), dueAt, remindAt, assigneeId, createdBy: actor.userId }));
    });
    await this.queues.add(
      JobName.DealTaskReminder,
      { taskId: task.id, remindAt: remindAt.getTime() },
      { jobId: taskReminderJobId(task.id, remindAt), delay: Math.max(0, remindAt.getTime() - Date.now()) },
    );
    return (await this.tasks(actor, id)).find((t) => t.id === task.id) as DealTaskView;
  }

  async completeTask(actor: AuthContext, id: string, taskId: string): Promise<DealTaskView> {
    await this.deals.brokerAccess(actor, id);
    await this.db.transaction(async (m) => {
      const res = await m.update(DealTask, { id: taskId, dealId: id }, { doneAt: () => 'coalesce(done_at, now())' });
      if (res.affected !== 1) throw AppException.notFound();
      await this.deals.touch(m, id);
    });
    return (await this.tasks(actor, id)).find((t) => t.id === taskId) as DealTaskView;
  }

  // ---- documents ----------------------------------------------------------------------------

  /** Parties see the shared documents; brokers and admins see them all. */
  async documents(actor: AuthContext, id: string): Promise<DealDocumentView[]> {
    const a = await this.deals.access(actor, id);
    const rows = await this.db.manager.find(DealDocument, {
      where: { dealId: id, ...(a.role === 'party' ? { shared: true } : {}) },
      order: { kind: 'ASC', title: 'ASC', version: 'DESC' },
    });
    const names = await this.people.names(rows.map((r) => r.uploadedBy));
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      version: r.version,
      fileName: r.fileName,
      mimeType: r.mimeType,
      size: r.size,
      shared: r.shared,
      uploadedByName: nameOf(names, r.uploadedBy),
      createdAt: r.createdAt.toISOString(),
    }));
  }

  /**
   * The catalogue's checks: 10 MB, PDF/images/Office recognised by their bytes. Same kind and title
   * → next version. Brokers upload any kind; the paying side also uploads its payment proofs, which
   * both sides always see.
   */
  async upload(actor: AuthContext, id: string, fields: DocumentFieldsDto, file: UploadedFile | undefined): Promise<DealDocumentView> {
    const deal = fields.kind === 'payment_proof' ? await this.payerAccess(actor, id) : await this.deals.brokerAccess(actor, id);
    const { file: upload, mimeType, fileName } = this.files.accept(file);
    const title = (fields.title?.trim() || fileName.replace(/\.[^.]+$/, '')).slice(0, 100);
    const shared = fields.kind === 'payment_proof' || fields.shared !== 'false';
    const doc = await this.files.keep('deal-documents', upload.buffer, (storedName) =>
      this.db.transaction(async (m) => {
        // Serialise versions of one deal's documents.
        await m.query(`SELECT 1 FROM deal WHERE id = $1 FOR UPDATE`, [id]);
        const next =
          (
            (await m.query(`SELECT coalesce(max(version), 0) + 1 AS v FROM deal_document WHERE deal_id = $1 AND kind = $2 AND title = $3`, [id, fields.kind, title])) as {
              v: number;
            }[]
          )[0]?.v ?? 1;
        const saved = await m.save(
          m.create(DealDocument, { dealId: id, kind: fields.kind, title, version: next, fileName, storedName, mimeType, size: upload.size, shared, uploadedBy: actor.userId }),
        );
        await this.deals.touch(m, id);
        await this.audit.record(
          {
            action: AuditAction.DealDocumentUploaded,
            actorId: actor.userId,
            actorEmail: actor.email,
            targetType: 'deal',
            targetId: id,
            detail: { documentId: saved.id, kind: fields.kind, version: next, shared },
          },
          m,
        );
        if (shared) {
          await m.insert(DealEvent, { dealId: id, type: 'document', actorId: actor.userId, detail: { kind: fields.kind, title, version: String(next), fileName } });
          for (const orgId of [deal.demandOrgId, deal.supplyOrgId]) {
            await this.notifications.notify(m, {
              to: { orgId },
              type: 'deal.document',
              params: { title: deal.title, file: fileName, documentId: saved.id },
              link: `/deals/${id}`,
              dedupeKey: `deal-document:${saved.id}`,
            });
          }
        }
        return saved;
      }),
    );
    return (await this.documents(actor, id)).find((d) => d.id === doc.id) as DealDocumentView;
  }

  /** The deal's brokers, or a member of its paying (demand) side; anyone else who sees the deal is refused. */
  private async payerAccess(actor: AuthContext, id: string) {
    const a = await this.deals.access(actor, id);
    if (a.role !== 'broker' && !a.sides.includes('demand')) throw AppException.forbidden();
    return a.deal;
  }

  async openDocument(actor: AuthContext, docId: string): Promise<{ doc: DealDocument; data: Buffer }> {
    const doc = await this.db.manager.findOneBy(DealDocument, { id: docId });
    if (!doc) throw AppException.notFound();
    const a = await this.deals.access(actor, doc.dealId);
    if (a.role === 'party' && !doc.shared) throw AppException.notFound();
    if (a.role !== 'broker')
      await this.audit.record({ action: AuditAction.DealDocumentDownloaded, actorId: actor.userId, actorEmail: actor.email, targetType: 'deal_document', targetId: docId });
    return { doc, data: await this.files.read('deal-documents', doc.storedName) };
  }

  // ---- messages to the parties --------------------------------------------------------------

  async messages(actor: AuthContext, id: string): Promise<DealMessageView[]> {
    const a = await this.deals.access(actor, id);
    const audiences: DealAudience[] = a.role === 'party' ? ['both', ...a.sides] : ['both', 'demand', 'supply'];
    const rows = await this.db.manager.find(DealMessage, { where: { dealId: id, audience: In(audiences) }, order: { createdAt: 'ASC' } });
    const names = await this.people.names(rows.map((r) => r.authorId));
    return rows.map((r) => ({ id: r.id, body: r.body, audience: r.audience, authorName: nameOf(names, r.authorId), createdAt: r.createdAt.toISOString() }));
  }

  /** In-app and email (through notify()) to the members of the party organisations addressed. */
  async sendMessage(actor: AuthContext, id: string, dto: MessageDto): Promise<DealMessageView> {
    const deal: Deal = await this.deals.brokerAccess(actor, id);
    const audience = dto.audience ?? 'both';
    const body = dto.body.trim();
    const msg = await this.db.transaction(async (m) => {
      const saved = await m.save(m.create(DealMessage, { dealId: id, authorId: actor.userId, audience, body }));
      await this.deals.touch(m, id);
      const orgs = audience === 'both' ? [deal.demandOrgId, deal.supplyOrgId] : [audience === 'demand' ? deal.demandOrgId : deal.supplyOrgId];
      for (const orgId of orgs) {
        await this.notifications.notify(m, {
          to: { orgId },
          type: 'deal.message',
          params: { title: deal.title, author: actor.displayName, body: body.length > 200 ? `${body.slice(0, 200)}…` : body },
          link: `/deals/${id}`,
          dedupeKey: `deal-message:${saved.id}`,
        });
      }
      return saved;
    });
    return { id: msg.id, body: msg.body, audience: msg.audience, authorName: actor.displayName, createdAt: msg.createdAt.toISOString() };
  }
}
