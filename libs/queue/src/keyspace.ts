import { ErrorCode, StatusError } from '@status-communities/errors';

/** Every Redis key of the platform starts with this, so one Redis can host several deployments or test runs. */
export const DEFAULT_KEY_PREFIX = 'sc';

// The prefix is not hash-tagged: each queue and stream carries its own `{…}` tag (see queue-names.ts), and a
// brace or colon here would change which part of a key Redis Cluster hashes.
export const KEY_PREFIX_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
/** What KEY_PREFIX_PATTERN allows, said for people (configuration errors). */
export const KEY_PREFIX_RULE = 'must be 1-64 of A-Z a-z 0-9 _ . - (no braces or colons)';

/** Checks a key prefix and returns it; throws on a prefix that would break hash tags or BullMQ key parsing. */
export const checkKeyPrefix = (prefix: string): string => {
  if (!KEY_PREFIX_PATTERN.test(prefix)) {
    throw new StatusError(ErrorCode.BAD_USER_INPUT, `Invalid Redis key prefix "${prefix}"`, { prefix });
  }
  return prefix;
};

/** `{name}`: Redis Cluster hashes only the part in braces, so all keys of one queue or stream share a slot. */
export const hashTagged = <N extends string>(name: N): `{${N}}` => `{${name}}`;
