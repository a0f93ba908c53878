import { checkWebhookUrl, ResolvedAddress } from './webhook-url';

const names: Record<string, ResolvedAddress[]> = {
  'qyapi.weixin.qq.com': [{ address: '101.91.40.24', family: 4 }],
  'rebind.example.cn': [
    { address: '8.8.8.8', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ],
  'v6.example.cn': [{ address: '::ffff:10.0.0.1', family: 6 }],
};
const lookup = async (host: string) => {
  const found = names[host];
  if (!found) throw new Error('ENOTFOUND');
  return found;
};
const prod = { env: 'production' as const, allowHosts: [], lookup };

describe('webhook URL check', () => {
  it('accepts an https URL whose every address is public, returning the addresses to connect to', async () => {
    const r = await checkWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc', prod);
    expect(r).toMatchObject({ ok: true, hostname: 'qyapi.weixin.qq.com', port: 443, addresses: [{ address: '101.91.40.24', family: 4 }] });
  });

  it.each([
    ['http://qyapi.weixin.qq.com/x', 'webhook_https_required'],
    ['ftp://example.cn/', 'webhook_url_invalid'],
    ['not a url', 'webhook_url_invalid'],
    ['https://user:pw@qyapi.weixin.qq.com/', 'webhook_url_invalid'],
    ['https://127.0.0.1/', 'webhook_unsafe'],
    ['https://2130706433/', 'webhook_unsafe'],
    ['https://0x7f.1/', 'webhook_unsafe'],
    ['https://10.1.2.3/', 'webhook_unsafe'],
    ['https://169.254.169.254/latest/meta-data/', 'webhook_unsafe'],
    ['https://[::1]:8443/', 'webhook_unsafe'],
    ['https://[::ffff:127.0.0.1]/', 'webhook_unsafe'],
    ['https://[fe80::1]/', 'webhook_unsafe'],
    ['https://0.0.0.0/', 'webhook_unsafe'],
    ['https://rebind.example.cn/', 'webhook_unsafe'],
    ['https://v6.example.cn/', 'webhook_unsafe'],
    ['https://nowhere.example.cn/', 'webhook_unresolvable'],
    [`https://qyapi.weixin.qq.com/${'a'.repeat(2100)}`, 'webhook_url_invalid'],
  ])('refuses %s (%s)', async (url, problem) => {
    expect(await checkWebhookUrl(url, prod)).toMatchObject({ ok: false, problem });
  });

  it('exempts allowlisted host:port authorities under NODE_ENV=test only', async () => {
    expect(await checkWebhookUrl('http://127.0.0.1:4100/hook', { env: 'test', allowHosts: ['127.0.0.1:4100'], lookup })).toMatchObject({ ok: true, addresses: null });
    expect(await checkWebhookUrl('http://127.0.0.1:4101/hook', { env: 'test', allowHosts: ['127.0.0.1:4100'], lookup })).toMatchObject({ ok: false });
    expect(await checkWebhookUrl('http://127.0.0.1:4100/hook', { env: 'production', allowHosts: ['127.0.0.1:4100'], lookup })).toMatchObject({ ok: false });
  });
});
