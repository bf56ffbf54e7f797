/**
 * Every typed failure of the platform, modelled once. The API maps a code 1:1 to GraphQL
 * `extensions.code`, so values are stable, upper-snake strings and never renamed.
 */
export const ErrorCode = {
  // Input encoding
  INVALID_HEX: 'INVALID_HEX',
  INVALID_KEY: 'INVALID_KEY',
  INVALID_URL: 'INVALID_URL',
  INVALID_CHAT_ID: 'INVALID_CHAT_ID',
  INVALID_TOPIC: 'INVALID_TOPIC',
  // Wire decoding
  MALFORMED_PROTOBUF: 'MALFORMED_PROTOBUF',
  MALFORMED_PAYLOAD: 'MALFORMED_PAYLOAD',
  OVERSIZED_MESSAGE: 'OVERSIZED_MESSAGE',
  DECRYPTION_FAILED: 'DECRYPTION_FAILED',
  UNSIGNED_ENVELOPE: 'UNSIGNED_ENVELOPE',
  INVALID_SIGNATURE: 'INVALID_SIGNATURE',
  UNKNOWN_MESSAGE_TYPE: 'UNKNOWN_MESSAGE_TYPE',
  INVALID_SEGMENT: 'INVALID_SEGMENT',
  /** No hash-ratchet key with the message's key id (or group and deprecated key id) is held: not yet arrived, or not ours. */
  HASH_RATCHET_KEY_NOT_FOUND: 'HASH_RATCHET_KEY_NOT_FOUND',
  /** A hash-ratchet seq_no beyond 100000 steps of its key (status-go ErrHashRatchetSeqNoTooHigh). */
  HASH_RATCHET_SEQ_NO_TOO_HIGH: 'HASH_RATCHET_SEQ_NO_TOO_HIGH',
  // Protocol rules
  INVALID_CLOCK: 'INVALID_CLOCK',
  INVALID_DESCRIPTION: 'INVALID_DESCRIPTION',
  WRONG_SIGNER: 'WRONG_SIGNER',
  INVALID_REQUEST_TO_JOIN: 'INVALID_REQUEST_TO_JOIN',
  INVALID_CHAT_MESSAGE: 'INVALID_CHAT_MESSAGE',
  INVALID_GRANT: 'INVALID_GRANT',
  INVALID_SHARD_INFO: 'INVALID_SHARD_INFO',
  FORBIDDEN: 'FORBIDDEN',
  /** A double-ratchet message asks to skip more message keys than the session allows (MaxSkip). */
  RATCHET_SKIP_LIMIT: 'RATCHET_SKIP_LIMIT',
  /** A double-ratchet message whose key was already used or dropped: a replay or a too-late copy. */
  REPLAYED_MESSAGE: 'REPLAYED_MESSAGE',
  // API and service boundary
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  INVALID_CONFIG: 'INVALID_CONFIG',
  INVALID_JOB_DATA: 'INVALID_JOB_DATA',
  INVALID_EVENT: 'INVALID_EVENT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INTERNAL: 'INTERNAL',
  /** A caller's request budget is spent; `details.retryAfter` says in how many seconds to try again. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** A GraphQL operation nests deeper than the server allows. */
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  /** A GraphQL operation's estimated cost (fields times page sizes) is above the server's limit. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** A GraphQL document that does not parse or validate against the schema. */
  INVALID_QUERY: 'INVALID_QUERY',
  // Event delivery (GraphQL subscriptions)
  /** A subscriber read slower than events came and its bounded buffer filled: the subscription is closed. */
  SLOW_CONSUMER: 'SLOW_CONSUMER',
  /** A resume cursor older than the oldest event the stream keeps: events were missed, reload instead. */
  CURSOR_EXPIRED: 'CURSOR_EXPIRED',
  // Chains (token permissions)
  /** An EVM chain's RPC could not be read (network, timeout, node error) or none is configured: decide nothing, retry later. */
  CHAIN_UNAVAILABLE: 'CHAIN_UNAVAILABLE',
  // Keyring
  /** A secret is sealed under a master key id this process was not given (KEYRING_PREVIOUS_MASTER_KEYS). */
  UNKNOWN_MASTER_KEY: 'UNKNOWN_MASTER_KEY',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
