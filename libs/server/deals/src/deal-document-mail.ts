import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MailAttachments } from '@ztt/notifications';
import { APP_CONFIG, AppConfig } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { DealDocument } from './deal.entity';

/** Where a deal's uploaded documents are kept: DATA_DIR, shared by the API that writes them and the worker that mails them (ADR 0006). */
export function dealDocumentPath(config: AppConfig, storedName: string): string {
  return path.join(config.dataDir, 'deal-documents', storedName);
}

/**
 * The email telling a party that a document was shared with it on a deal carries the document
 * itself, so the party can read and keep it without signing in. The worker reads the file when it
 * sends the email; a document no longer shared is not attached.
 */
@Injectable()
export class DealDocumentMail implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly attachments: MailAttachments,
  ) {}

  onModuleInit(): void {
    this.attachments.register('deal.document', async ({ documentId }) => {
      const doc = documentId ? await this.db.manager.findOneBy(DealDocument, { id: documentId, shared: true }) : null;
      if (!doc) return [];
      return [{ filename: doc.fileName, content: await fs.readFile(dealDocumentPath(this.config, doc.storedName)), contentType: doc.mimeType }];
    });
  }
}
