import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelope: { from: string | null; to: string[] };
  raw: string;
}

export interface TestSmtp {
  port: number;
  /** Every message accepted, in order of arrival. */
  messages: ReceivedMail[];
  /** Messages whose envelope names `address` as a recipient. */
  to(address: string): ReceivedMail[];
  stop(): Promise<void>;
}

/** A real SMTP server on a free loopback port inside the test process (no TLS, no auth). */
export async function startTestSmtp(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        messages.push({
          envelope: { from: from ? from.address : null, to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()) },
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    to: (address) => messages.filter((m) => m.envelope.to.includes(address.toLowerCase())),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The decoded text of every base64 or quoted-printable part of a raw message, plus its headers. */
export function decodeMail(raw: string): string {
  const out = [raw.split(/\r?\n\r?\n/)[0]];
  const re = /Content-Transfer-Encoding: (base64|quoted-printable)\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*?)(?=\r?\n--|$)/gi;
  for (const m of raw.matchAll(re)) {
    out.push(
      m[1].toLowerCase() === 'base64'
        ? Buffer.from(m[2].replace(/\s+/g, ''), 'base64').toString('utf8')
        : Buffer.from(
            m[2].replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
  }
  return out.join('\n');
}

/** The bytes of the first attachment of `contentType` in a raw message (base64, as nodemailer sends files), or null. */
export function attachedFile(raw: string, contentType: string): Buffer | null {
  const at = raw.indexOf(`Content-Type: ${contentType}`);
  if (at < 0) return null;
  const body = /\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(raw.slice(at))?.[1];
  return body === undefined ? null : Buffer.from(body.replace(/\s+/g, ''), 'base64');
}
