import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Global, HttpStatus, Inject, Injectable, Module } from '@nestjs/common';
import { ErrorCode, ITEM_LIMITS } from '@ztt/contracts';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { AppException } from '../http/app-exception';
import type { UploadedFile } from '../http/files';

/** The folders of the data directory that hold uploaded files, one per kind of owner row. */
export type FileFolder = 'attachments' | 'deal-documents' | 'kpi-evidence';

/** An upload that passed the checks: its type (from its bytes) and the name to show. */
export interface AcceptedUpload {
  file: UploadedFile;
  mimeType: string;
  fileName: string;
}

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

/**
 * Uploaded files: the one place that checks an upload and keeps, reads and removes its bytes, for
 * item attachments, challenge files and deal documents alike. The bytes live under the data
 * directory, each under a random name; the row that owns them (in its domain's table) holds that
 * name. A file is written before its row and removed again if the row is not, so a row never
 * names a missing file; a row deleted first leaves its file to be removed after it.
 */
@Injectable()
export class FileStore {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The upload's checks: present, not empty, 10 MB at most, a type recognised from its bytes (PDF, images, Office). */
  accept(file: UploadedFile | undefined): AcceptedUpload {
    if (!file) throw AppException.validation([{ field: 'file', code: 'isNotEmpty' }]);
    if (file.size > ITEM_LIMITS.attachmentBytesMax) throw new AppException(ErrorCode.PayloadTooLarge, HttpStatus.PAYLOAD_TOO_LARGE);
    const mimeType = sniffMimeType(file.buffer.subarray(0, 16), file.originalname);
    if (!mimeType || file.size === 0) throw new AppException(ErrorCode.UnsupportedFile, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    return { file, mimeType, fileName: safeFileName(file.originalname) };
  }

  /**
   * Writes the bytes under a new random name, then calls `record` with that name to write the row
   * that owns them. If `record` fails, the bytes are removed and its error is thrown.
   */
  async keep<T>(folder: FileFolder, data: Buffer, record: (storedName: string) => Promise<T>): Promise<T> {
    const storedName = randomUUID();
    const at = this.pathOf(folder, storedName);
    await fs.mkdir(path.dirname(at), { recursive: true });
    await fs.writeFile(at, data, { flag: 'wx', mode: 0o600 });
    try {
      return await record(storedName);
    } catch (e) {
      await fs.rm(at, { force: true });
      throw e;
    }
  }

  async read(folder: FileFolder, storedName: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(folder, storedName));
  }

  /** Removes a file whose row is gone; nothing if it is missing already. */
  async remove(folder: FileFolder, storedName: string): Promise<void> {
    await fs.rm(this.pathOf(folder, storedName), { force: true });
  }

  private pathOf(folder: FileFolder, storedName: string): string {
    // Stored names are ours (UUIDs), never a client's: still, nothing may step out of the folder.
    if (!/^[0-9a-f-]{36}$/.test(storedName)) throw new Error(`not a stored file name: "${storedName}"`);
    return path.join(this.config.dataDir, folder, storedName);
  }
}

/** Provides the FileStore to every module (it needs only the configuration). */
@Global()
@Module({ providers: [FileStore], exports: [FileStore] })
export class FileStoreModule {}
