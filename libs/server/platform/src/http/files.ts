import { CallHandler, createParamDecorator, ExecutionContext, HttpStatus, Injectable, NestInterceptor, StreamableFile, UseInterceptors } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { ErrorCode } from '@ztt/contracts';
import { isHttpLike } from './all-exceptions.filter';
import { AppException } from './app-exception';

/** One file a person uploaded, read into memory (uploads are small: a few MB at most). */
export interface UploadedFile {
  /** The name on the uploader's machine, UTF-8. */
  originalname: string;
  /** What the browser said it is; never trusted (the content is sniffed). */
  mimetype: string;
  buffer: Buffer;
  size: number;
}

const UPLOADED = Symbol('uploaded file');

type UploadRequest = FastifyRequest & { [UPLOADED]?: UploadedFile };

/**
 * Reads the one file of a multipart/form-data request, sent in `field`, into memory before the handler
 * runs (@fastify/multipart). More than `maxBytes` answers 413; a second file, or a file in another
 * field, 400. A request that is not multipart, or has no file, reaches the handler without one.
 */
@Injectable()
class OneFileInterceptor implements NestInterceptor {
  constructor(
    private readonly field: string,
    private readonly maxBytes: number,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<UploadRequest>();
    if (!req.isMultipart()) return next.handle();
    try {
      await this.read(req);
    } catch (e) {
      if (e instanceof AppException || isHttpLike(e)) throw e;
      // The multipart parser's own complaints (no boundary, a body cut short): the upload is broken, not us.
      throw AppException.validation([{ field: this.field, code: 'upload_malformed' }]);
    }
    return next.handle();
  }

  private async read(req: UploadRequest): Promise<void> {
    const parts = req.parts({ limits: { fileSize: this.maxBytes, files: 1, fields: 20, fieldSize: 64 * 1024 } });
    for await (const part of parts) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== this.field || req[UPLOADED]) {
        part.file.resume();
        throw AppException.validation([{ field: part.fieldname, code: 'whitelistValidation' }]);
      }
      const buffer = await part.toBuffer().catch((e: unknown) => {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppException(ErrorCode.PayloadTooLarge, HttpStatus.PAYLOAD_TOO_LARGE);
        throw e;
      });
      req[UPLOADED] = { originalname: part.filename, mimetype: part.mimetype, buffer, size: buffer.length };
    }
  }
}

/** The route takes one uploaded file in `field`, of at most `maxBytes` (read it with @UploadedOne()). */
export const AcceptsOneFile = (field: string, maxBytes: number): MethodDecorator => UseInterceptors(new OneFileInterceptor(field, maxBytes));

/** The file @AcceptsOneFile read, or undefined when none came. */
export const UploadedOne = createParamDecorator((_: unknown, ctx: ExecutionContext): UploadedFile | undefined => ctx.switchToHttp().getRequest<UploadRequest>()[UPLOADED]);

/**
 * A file as a download: its type, and a Content-Disposition that names it in UTF-8 for browsers
 * (`filename*`) with a plain ASCII name for the rest. Every answer carries X-Content-Type-Options:
 * nosniff (helmet), so the browser keeps to the type given.
 */
export function fileDownload(data: Buffer, type: string, name: string, asciiName = 'file'): StreamableFile {
  return new StreamableFile(data, {
    type,
    length: data.length,
    disposition: `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  });
}

/** The type of an .xlsx workbook (imports, exports, the registration sheet). */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
