import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MailAttachments } from '@ztt/notifications';
import { FileStore } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { DealDocument } from './deal.entity';

/**
 * The email telling a party that a document was shared with it on a deal carries the document
 * itself, so the party can read and keep it without signing in. The worker reads the file when it
 * sends the email, from the file store (DATA_DIR, shared by the API that writes the file and the
 * worker that mails it; ADR 0006); a document no longer shared is not attached.
 */
@Injectable()
export class DealDocumentMail implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly files: FileStore,
    private readonly attachments: MailAttachments,
  ) {}

  onModuleInit(): void {
    this.attachments.register('deal.document', async ({ documentId }) => {
      const doc = documentId ? await this.db.manager.findOneBy(DealDocument, { id: documentId, shared: true }) : null;
      if (!doc) return [];
      return [{ filename: doc.fileName, content: await this.files.read('deal-documents', doc.storedName), contentType: doc.mimeType }];
    });
  }
}
