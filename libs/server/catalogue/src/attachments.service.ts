import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AttachmentView, AuditAction, ITEM_LIMITS, ItemKind } from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { AppException, AuthContext, FileStore, UploadedFile } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { isOwnerMember } from './access';
import { CatalogueService } from './catalogue.service';
import { Attachment } from './entities/catalogue-item.entity';
import { KINDS } from './kinds';

@Injectable()
export class AttachmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly files: FileStore,
    private readonly catalogue: CatalogueService,
    private readonly audit: AuditService,
  ) {}

  async upload(actor: AuthContext, kind: ItemKind, itemId: string, file: UploadedFile | undefined): Promise<AttachmentView> {
    const item = await this.catalogue.findVisible(actor, KINDS[kind], itemId);
    if (!isOwnerMember(actor, item.ownerOrgId)) throw AppException.notFound();
    const upload = this.files.accept(file);
    const count = await this.db.manager.countBy(Attachment, { itemKind: kind, itemId });
    if (count >= ITEM_LIMITS.attachmentsMax) throw AppException.validation([{ field: 'file', code: 'arrayMaxSize', params: { max: ITEM_LIMITS.attachmentsMax } }]);
    const { fileName, mimeType } = upload;
    const a = await this.files.keep('attachments', upload.file.buffer, (storedName) =>
      this.db.manager.save(this.db.manager.create(Attachment, { itemKind: kind, itemId, fileName, storedName, mimeType, size: upload.file.size, uploadedBy: actor.userId })),
    );
    return { id: a.id, fileName: a.fileName, mimeType: a.mimeType, size: a.size, createdAt: a.createdAt.toISOString() };
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
    return { attachment: a, data: await this.files.read('attachments', a.storedName) };
  }

  async remove(actor: AuthContext, id: string): Promise<void> {
    const a = await this.db.manager.findOneBy(Attachment, { id });
    if (!a) throw AppException.notFound();
    const item = await this.catalogue.findVisible(actor, KINDS[a.itemKind], a.itemId);
    if (!isOwnerMember(actor, item.ownerOrgId)) throw AppException.notFound();
    await this.db.manager.delete(Attachment, { id });
    await this.files.remove('attachments', a.storedName);
  }
}
