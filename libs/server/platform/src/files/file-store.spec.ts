import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AppConfig } from '../config/app-config';
import { AppException } from '../http/app-exception';
import { FileStore, safeFileName, sniffMimeType } from './file-store';

const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');

describe('FileStore', () => {
  let dataDir: string;
  let store: FileStore;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'file-store-'));
    store = new FileStore({ dataDir } as AppConfig);
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const upload = (buffer: Buffer, originalname = '方案.pdf') => ({ originalname, mimetype: 'application/pdf', buffer, size: buffer.length });
  const codeOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as AppException).code;
    }
    return null;
  };

  it('accepts a PDF by its bytes, with a name safe to show', () => {
    const accepted = store.accept(upload(PDF, '../../方案"终稿".pdf'));
    expect(accepted.mimeType).toBe('application/pdf');
    expect(accepted.fileName).toBe('方案_终稿_.pdf');
  });

  it('refuses a missing, empty, oversized or unrecognised upload', () => {
    expect(codeOf(() => store.accept(undefined))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => store.accept(upload(Buffer.alloc(0))))).toBe('UNSUPPORTED_FILE');
    expect(codeOf(() => store.accept(upload(Buffer.from('MZ executable'), 'setup.pdf')))).toBe('UNSUPPORTED_FILE');
    expect(codeOf(() => store.accept(upload(Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]))))).toBe('PAYLOAD_TOO_LARGE');
  });

  it('keeps the bytes for the row that names them, and removes them when the row is not written', async () => {
    const kept = await store.keep('attachments', PDF, async (storedName) => storedName);
    expect((await store.read('attachments', kept)).equals(PDF)).toBe(true);
    let failedName = '';
    await expect(
      store.keep('deal-documents', PDF, async (storedName) => {
        failedName = storedName;
        throw new Error('row not written');
      }),
    ).rejects.toThrow('row not written');
    expect(fs.existsSync(path.join(dataDir, 'deal-documents', failedName))).toBe(false);
    await store.remove('attachments', kept);
    await expect(store.read('attachments', kept)).rejects.toThrow();
  });

  it('never reads a name that is not one of its own', async () => {
    await expect(store.read('attachments', '../../etc/passwd')).rejects.toThrow('not a stored file name');
  });

  it('recognises Office files by their bytes and extension only', () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
    expect(sniffMimeType(zip, 'a.docx')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffMimeType(zip, 'a.zip')).toBeNull();
    expect(safeFileName('')).toBe('file');
  });
});
