import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditAction, AuditEntryView, AuditResult, Page } from '@ztt/contracts';
import { currentRequest } from '@ztt/platform';
import { EntityManager, Repository } from 'typeorm';
import { AuditDetail, AuditEntry } from './audit-entry.entity';

export interface AuditEvent {
  action: AuditAction;
  result?: AuditResult;
  actorId?: string | null;
  actorEmail?: string | null;
  targetType?: string;
  targetId?: string;
  detail?: AuditDetail;
}

export interface AuditQuery {
  actorId?: string;
  actorEmail?: string;
  action?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(@InjectRepository(AuditEntry) private readonly repo: Repository<AuditEntry>) {}

  /**
   * Appends one row, with the client address and request id of the current request.
   * Pass the transaction's manager when the event belongs to a write, so both commit together.
   */
  async record(event: AuditEvent, manager?: EntityManager): Promise<void> {
    const req = currentRequest();
    const row = this.repo.create({
      action: event.action,
      result: event.result ?? 'ok',
      actorId: event.actorId ?? null,
      actorEmail: event.actorEmail ?? null,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      detail: event.detail ?? null,
      clientAddress: req?.clientAddress ?? null,
      requestId: req?.requestId ?? null,
    });
    if (manager) {
      await manager.insert(AuditEntry, row);
      return;
    }
    try {
      await this.repo.insert(row);
    } catch (e) {
      // An audit write outside a transaction must never turn a denial into a 500; log it loudly.
      this.logger.error({ msg: 'audit write failed', action: event.action, error: (e as Error).message });
    }
  }

  async query(q: AuditQuery): Promise<Page<AuditEntryView>> {
    const qb = this.repo.createQueryBuilder('a').orderBy('a.occurred_at', 'DESC').addOrderBy('a.id', 'DESC');
    if (q.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: q.actorId });
    if (q.actorEmail) qb.andWhere('lower(a.actor_email) = lower(:actorEmail)', { actorEmail: q.actorEmail });
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    if (q.from) qb.andWhere('a.occurred_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('a.occurred_at < :to', { to: q.to });
    const [rows, total] = await qb
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items: rows.map(toView), total, page: q.page, pageSize: q.pageSize };
  }
}

function toView(a: AuditEntry): AuditEntryView {
  return {
    id: String(a.id),
    occurredAt: a.occurredAt.toISOString(),
    actorId: a.actorId,
    actorEmail: a.actorEmail,
    action: a.action,
    targetType: a.targetType,
    targetId: a.targetId,
    result: a.result,
    clientAddress: a.clientAddress,
    detail: a.detail,
  };
}
