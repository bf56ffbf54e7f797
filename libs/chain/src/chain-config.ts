import { z } from 'zod';
import { envInteger, envList } from '@status-communities/config';

const RPC_ENTRY = /^([1-9][0-9]*)=(https?:\/\/\S+)$/;

const rpcEntry = z
  .string()
  .regex(RPC_ENTRY, 'must be <chain id>=<http(s) URL>')
  .transform((entry): [string, string] => {
    const [, chainId = '', url = ''] = RPC_ENTRY.exec(entry) ?? [];
    return [chainId, url];
  })
  .refine(([, url]) => URL.canParse(url), 'must be <chain id>=<http(s) URL>');

/**
 * `CHAIN_RPC_URLS=1=https://…,10=https://…`: the JSON-RPC endpoint of each chain token permissions may name.
 * Unset: no chain is readable, and gated requests wait (CHAIN_UNAVAILABLE).
 */
export const envChainRpcUrls = () =>
  envList(rpcEntry, []).transform((entries, context) => {
    const urls = new Map<string, string>();
    for (const [chainId, url] of entries) {
      if (urls.has(chainId))
        context.addIssue({ code: 'custom', message: `chain ${chainId} is listed twice` });
      urls.set(chainId, url);
    }
    return urls as ReadonlyMap<string, string>;
  });

/** The variables of a service that reads chains; spread them into its config definition. */
export const chainVariables = {
  CHAIN_RPC_URLS: envChainRpcUrls(),
  /** Per JSON-RPC HTTP request. */
  CHAIN_RPC_TIMEOUT_MS: envInteger({ min: 100, defaultValue: 10_000 }),
  /** How long a balance, owner or name read is reused. */
  CHAIN_CACHE_TTL_MS: envInteger({ min: 0, defaultValue: 30_000 }),
};

export interface ChainConfig {
  readonly CHAIN_RPC_URLS: ReadonlyMap<string, string>;
  readonly CHAIN_RPC_TIMEOUT_MS: number;
  readonly CHAIN_CACHE_TTL_MS: number;
}
