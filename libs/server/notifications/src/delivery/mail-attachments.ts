import { Injectable } from '@nestjs/common';

/** A file sent with a notification's email. */
export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

type AttachmentSource = (params: Record<string, string>) => Promise<MailAttachment[]>;

/**
 * What each notification type attaches to its email (the quarterly report attaches its PDF).
 * The module that owns the files registers a source for its type at start; the delivery asks it
 * for the files just before sending, so nothing large is stored with the notification.
 */
@Injectable()
export class MailAttachments {
  private readonly sources = new Map<string, AttachmentSource>();

  register(type: string, source: AttachmentSource): void {
    if (this.sources.has(type)) throw new Error(`mail attachments for "${type}" registered twice`);
    this.sources.set(type, source);
  }

  async for(type: string, params: Record<string, string>): Promise<MailAttachment[]> {
    return (await this.sources.get(type)?.(params)) ?? [];
  }
}
