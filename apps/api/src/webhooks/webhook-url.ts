import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';

/** Addresses a webhook must not reach unless allowed: this host, private networks, link-local (cloud metadata). */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv6');

// BlockList also matches IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) against the IPv4 rules.
const isPrivateAddress = (address: string): boolean =>
  PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');

export interface WebhookUrlPolicy {
  /** WEBHOOK_ALLOW_PRIVATE_HOSTS: loopback and private addresses allowed (tests, a private deployment). */
  readonly allowPrivateHosts: boolean;
}

/**
 * An http(s) URL without credentials whose host does not resolve to a private address (unless allowed), so
 * a tenant cannot make the platform call its own internal services. Checked when a webhook is created and
 * again before every delivery (DNS may have changed since).
 */
export const checkWebhookUrl = async (text: string, policy: WebhookUrlPolicy): Promise<Result<URL>> => {
  const invalid = (why: string) => fail(ErrorCode.INVALID_URL, `webhook URL ${why}`, { url: text });
  if (!URL.canParse(text)) return invalid('is not a URL');
  const url = new URL(text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return invalid('must be http or https');
  if (url.username !== '' || url.password !== '') return invalid('must not carry credentials');
  if (policy.allowPrivateHosts) return ok(url);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  } catch {
    return invalid(`host ${host} does not resolve`);
  }
  return addresses.some(isPrivateAddress)
    ? invalid(`host ${host} is a private or loopback address`)
    : ok(url);
};
