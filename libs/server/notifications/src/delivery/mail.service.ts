import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ztt/platform';
import * as nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { MailAttachment } from './mail-attachments';

export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** Stable per delivery, so a receiving server can recognise a resend. */
  messageId: string;
  attachments?: MailAttachment[];
}

/**
 * Sends through SMTP when SMTP_HOST is set; otherwise renders the message and writes it as an
 * .eml file into the development mail log (`MAIL_LOG_DIR`, by default `${DATA_DIR}/mail`).
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger('MailService');
  private readonly transport: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const smtp = config.mail.smtp;
    this.transport = smtp
      ? nodemailer.createTransport({
          host: smtp.host,
          port: smtp.port,
          secure: smtp.secure,
          // Never send a password over an unencrypted connection.
          requireTLS: !smtp.secure && Boolean(smtp.user),
          auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  get logsOnly(): boolean {
    return this.config.mail.smtp === null;
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.transport.sendMail({ from: this.config.mail.from, ...mail })) as { message?: Buffer };
    if (!this.logsOnly) return;
    await fs.mkdir(this.config.mail.logDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const safeId = mail.messageId.replace(/[^A-Za-z0-9.-]/g, '_');
    const file = path.join(this.config.mail.logDir, `${stamp}-${safeId}.eml`);
    await fs.writeFile(file, info.message ?? Buffer.alloc(0));
    this.logger.log({ msg: 'email written to the development mail log', file });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
