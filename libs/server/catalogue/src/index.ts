export * from './catalogue.module';
export * from './catalogue.service';
export * from './entities/catalogue-item.entity';
export * from './kinds';
export { sniffMimeType } from './attachments.service';
export { safeFileName } from './attachments.service';
