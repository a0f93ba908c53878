import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AttachmentView, AuditAction, ErrorCode, ITEM_LIMITS, ItemKind } from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { APP_CONFIG, AppConfig, AppException, AuthContext, UploadedFile } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { isOwnerMember } from './access';
import { CatalogueService } from './catalogue.service';
import { Attachment } from './entities/catalogue-item.entity';
import { KINDS } from './kinds';

/** The types we accept, recognised by their first bytes (the client's Content-Type is not trusted). */
export function sniffMimeType(head: Buffer, fileName: string): string | null {
  const ext = path.extname(fileName).toLowerCase();
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    // Office Open XML files are ZIP archives; the extension says which one.
    const ooxml: Record<string, string> = {
      '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    };
    return ooxml[ext] ?? null;
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    const legacy: Record<string, string> = { '.doc': 'application/msword', '.xls': 'application/vnd.ms-excel', '.ppt': 'application/vnd.ms-powerpoint' };
    return legacy[ext] ?? null;
  }
  return null;
}

/** The name as shown to people: no path, no control characters or quotes, at most 200 characters. */
export function safeFileName(name: string): string {
  const cleaned = Array.from(path.basename(name), (ch) => (ch.charCodeAt(0) < 0x20 || ch === '"' || ch === '\\' ? '_' : ch)).join('');
  return cleaned.slice(0, 200) || 'file';
}


@Injectable()
export class AttachmentsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogue: CatalogueService,
    private readonly audit: AuditService,
  ) {}

  private dir(): string {
    return path.join(this.config.dataDir, 'attachments');
  }

  async upload(actor: AuthContext, kind: ItemKind, itemId: string, file: UploadedFile | undefined): Promise<AttachmentView> {
    const item = await this.catalogue.findVisible(actor, KINDS[kind], itemId);
    if (!isOwnerMember(actor, item.ownerOrgId)) throw AppException.notFound();
    if (!file) throw AppException.validation([{ field: 'file', code: 'isNotEmpty' }]);
    if (file.size > ITEM_LIMITS.attachmentBytesMax) throw new AppException(ErrorCode.PayloadTooLarge, HttpStatus.PAYLOAD_TOO_LARGE);
    const mimeType = sniffMimeType(file.buffer.subarray(0, 16), file.originalname);
    if (!mimeType || file.size === 0) throw new AppException(ErrorCode.UnsupportedFile, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    const count = await this.db.manager.countBy(Attachment, { itemKind: kind, itemId });
    if (count >= ITEM_LIMITS.attachmentsMax) throw AppException.validation([{ field: 'file', code: 'arrayMaxSize', params: { max: ITEM_LIMITS.attachmentsMax } }]);
    const storedName = randomUUID();
    await fs.mkdir(this.dir(), { recursive: true });
    await fs.writeFile(path.join(this.dir(), storedName), file.buffer, { flag: 'wx', mode: 0o600 });
    try {
      const fileName = safeFileName(file.originalname);
      const a = await this.db.manager.save(this.db.manager.create(Attachment, { itemKind: kind, itemId, fileName, storedName, mimeType, size: file.size, uploadedBy: actor.userId }));
      return { id: a.id, fileName: a.fileName, mimeType: a.mimeType, size: a.size, createdAt: a.createdAt.toISOString() };
    } catch (e) {
      await fs.rm(path.join(this.dir(), storedName), { force: true });
      throw e;
    }
  }

  /** Only those who may see the item's confidential part may download its attachments. */
  async open(actor: AuthContext, id: string): Promise<{ attachment: Attachment; data: Buffer }> {
    const a = await this.db.manager.findOneBy(Attachment, { id });
    if (!a) throw AppException.notFound();
    const item = await this.catalogue.findVisible(actor, KINDS[a.itemKind], a.itemId);
    if (!(await this.catalogue.canSeeConfidential(actor, a.itemKind, item))) {
      await this.audit.record({ action: AuditAction.AccessDenied, result: 'denied', actorId: actor.userId, actorEmail: actor.email, targetType: 'attachment', targetId: id });
      throw AppException.notFound();
    }
    if (!isOwnerMember(actor, item.ownerOrgId)) {
      await this.audit.record({ action: AuditAction.AttachmentDownloaded, actorId: actor.userId, actorEmail: actor.email, targetType: 'attachment', targetId: id });
    }
    return { attachment: a, data: await fs.readFile(path.join(this.dir(), a.storedName)) };
  }

  async remove(actor: AuthContext, id: string): Promise<void> {
    const a = await this.db.manager.findOneBy(Attachment, { id });
    if (!a) throw AppException.notFound();
    const item = await this.catalogue.findVisible(actor, KINDS[a.itemKind], a.itemId);
    if (!isOwnerMember(actor, item.ownerOrgId)) throw AppException.notFound();
    await this.db.manager.delete(Attachment, { id });
    await fs.rm(path.join(this.dir(), a.storedName), { force: true });
  }
}
