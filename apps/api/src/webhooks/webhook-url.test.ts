import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import { checkWebhookUrl } from './webhook-url.js';

const strict = { allowPrivateHosts: false };
const open = { allowPrivateHosts: true };

describe('checkWebhookUrl', () => {
  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://10.1.2.3/',
    'http://172.20.0.1/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/',
    'http://[fd00::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://0.0.0.0/',
  ])('refuses %s, a loopback or private address, unless private hosts are allowed', async (url) => {
    expect(await checkWebhookUrl(url, strict)).toMatchObject({
      ok: false,
      error: { code: ErrorCode.INVALID_URL, message: expect.stringContaining('private or loopback') },
    });
    expect(await checkWebhookUrl(url, open)).toMatchObject({ ok: true });
  });

  it('accepts a public address', async () => {
    expect(await checkWebhookUrl('https://93.184.215.14/hooks?x=1', strict)).toMatchObject({
      ok: true,
      value: new URL('https://93.184.215.14/hooks?x=1'),
    });
  });

  it.each([
    ['ftp://example.com/', 'must be http or https'],
    ['file:///etc/passwd', 'must be http or https'],
    ['https://user:pw@example.com/', 'must not carry credentials'],
    ['not a url', 'is not a URL'],
    ['https://no-such-host.invalid/', 'does not resolve'],
  ])('refuses %s whatever the policy says about private hosts', async (url, why) => {
    const policy = why === 'does not resolve' ? strict : open;
    expect(await checkWebhookUrl(url, policy)).toMatchObject({
      ok: false,
      error: { code: ErrorCode.INVALID_URL, message: expect.stringContaining(why) },
    });
  });
});
