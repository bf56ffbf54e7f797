// What a message offered to a bot's key intake gives, read with the bot's private key and libs/protocol only:
// the keys of a description's rekey envelope sealed to the bot, or those of a 1:1 key exchange (and the
// answer to the bot's request to join riding on it). Each is checked to come from the community's control
// node and to belong to that community's groups; anything else is a typed refusal. Pure: no I/O.
// SG protocol/encryption/protocol.go HandleMessage / HandleHashRatchetKeys, messenger_communities.go
// HandleCommunityDescriptionMessage, HandleCommunityRequestToJoinResponse; encrypted-communities.md §4.5, §4.6.
import {
  bytesToHex,
  decodeAsymmetric,
  decompressPublicKey,
  equalBytes,
  hexToBytes,
  symKeyFor,
  type HashRatchetKey,
} from '@status-communities/crypto';
import { ErrorCode, err, ok } from '@status-communities/errors';
import type { Result, StatusError } from '@status-communities/errors';
import type { status } from '@status-communities/proto';
import type { HashRatchetKeyExchange } from '@status-communities/protocol';
import {
  decodeApplicationMessage,
  decodeStatusMessage,
  openDhKeyExchangeMessage,
  readKeyExchangeKeys,
} from '@status-communities/protocol';
import type { MemberKeysRefusal } from './refusals.js';
import { refusal } from './refusals.js';

/** Length of a community id as text: `0x` and a 33-byte compressed key. */
const COMMUNITY_ID_LENGTH = 2 + 66;

export interface ReceivedKeys {
  readonly communityId: string;
  readonly keys: readonly HashRatchetKey[];
  /** The description that carried them (its privateData is checked against them). */
  readonly description?: status.CommunityDescription;
  /** The control node's answer to the bot's request to join, when one came with the keys. */
  readonly response?: { readonly accepted: boolean };
}

/** The control node of a community as stored (65 bytes), or undefined for an id that is no key. */
export type ControlNodeOf = (communityId: string) => Uint8Array | undefined;

/** The community a hash-ratchet group belongs to: its 33-byte key, or the UTF-8 chat id of a channel. */
export const communityOfGroup = (groupId: Uint8Array): string | undefined => {
  if (groupId.length === 33) return '0x' + bytesToHex(groupId);
  const text = Buffer.from(groupId).toString('utf8');
  const communityId = text.slice(0, COMMUNITY_ID_LENGTH).toLowerCase();
  const key = hexToBytes(communityId);
  return key.ok && key.value.length === 33 && decompressPublicKey(key.value).ok ? communityId : undefined;
};

const fromRead = (error: StatusError): MemberKeysRefusal =>
  error.code === ErrorCode.DECRYPTION_FAILED
    ? refusal('forged-rekey', error.code, 'our rekey entry does not open: not sealed by the control node')
    : refusal('malformed', error.code, error.message, error.details);

/** The keys of a seq-0 header, each of a group of `communityId`, sealed or sent by `sender`. */
const keysOf = (
  exchange: HashRatchetKeyExchange,
  botPrivateKey: Uint8Array,
  sender: Uint8Array,
  communityId: string,
): Result<HashRatchetKey[], MemberKeysRefusal> => {
  const read = readKeyExchangeKeys(exchange, { recipientPrivateKey: botPrivateKey, senderPublicKey: sender });
  if (!read.ok) return err(fromRead(read.error));
  if (read.value.some((key) => communityOfGroup(key.groupId) !== communityId))
    return err(refusal('foreign-group', ErrorCode.FORBIDDEN, 'a key of a group of another community'));
  if (read.value.length === 0)
    return err(refusal('not-for-us', ErrorCode.HASH_RATCHET_KEY_NOT_FOUND, 'no key for the bot in it'));
  return ok(read.value);
};

/**
 * A description of `communityId` whose rekey envelope seals the community key to the bot: signed (envelope
 * and AMM) by the control node, the bot's entry opened with ECDH(bot, envelope signer).
 */
export const readDescriptionKeys = (
  botPrivateKey: Uint8Array,
  communityId: string,
  controlNode: Uint8Array,
  payload: Uint8Array,
): Result<ReceivedKeys, MemberKeysRefusal> => {
  const decoded = decodeStatusMessage(payload, { symKey: symKeyFor(communityId) });
  if (!decoded.ok) return err(refusal('malformed', decoded.error.code, decoded.error.message));
  const message = decoded.value;
  if (message.kind !== 'message' || message.typeName !== 'COMMUNITY_DESCRIPTION')
    return err(refusal('malformed', ErrorCode.MALFORMED_PAYLOAD, 'not a whole CommunityDescription'));
  if (!equalBytes(message.envelopeSigner, controlNode) || !equalBytes(message.signer, controlNode))
    return err(refusal('wrong-signer', ErrorCode.WRONG_SIGNER, 'not signed by the community control node'));
  if (!message.keyExchange)
    return err(refusal('not-for-us', ErrorCode.HASH_RATCHET_KEY_NOT_FOUND, 'the description has no rekey'));
  const keys = keysOf(message.keyExchange, botPrivateKey, message.envelopeSigner, communityId);
  if (!keys.ok) return keys;
  return ok({ communityId, keys: keys.value, description: message.message });
};

/**
 * A 1:1 message to the bot (ECIES on its partitioned topic) carrying a key exchange on the DH "none" entry:
 * its keys, and the request-to-join answer it may carry. The community is the one the keys' group names;
 * the envelope (and an answer's AMM) must be signed by that community's control node.
 */
export const readDirectKeys = (
  botPrivateKey: Uint8Array,
  controlNodeOf: ControlNodeOf,
  payload: Uint8Array,
): Result<ReceivedKeys, MemberKeysRefusal> => {
  const envelope = decodeAsymmetric(payload, botPrivateKey);
  if (!envelope.ok) return err(refusal('not-for-us', envelope.error.code, 'not sealed to the bot'));
  const exchange = openDhKeyExchangeMessage(envelope.value.data, botPrivateKey);
  if (!exchange.ok || !exchange.value.keyExchange)
    return err(refusal('not-for-us', ErrorCode.HASH_RATCHET_KEY_NOT_FOUND, 'a 1:1 message without keys'));
  const communityId = communityOfGroup(exchange.value.keyExchange.groupId);
  if (!communityId)
    return err(refusal('malformed', ErrorCode.MALFORMED_PAYLOAD, 'the group names no community'));
  const controlNode = controlNodeOf(communityId);
  if (!controlNode || !equalBytes(envelope.value.signer, controlNode))
    return err(refusal('wrong-signer', ErrorCode.WRONG_SIGNER, 'not sent by the community control node'));
  const keys = keysOf(exchange.value.keyExchange, botPrivateKey, envelope.value.signer, communityId);
  if (!keys.ok) return keys;
  return ok({
    communityId,
    keys: keys.value,
    ...responseIn(exchange.value.payload, controlNode, communityId),
  });
};

/** The accepted or declined answer inside a key exchange, if it is one from the control node. */
const responseIn = (
  payload: Uint8Array,
  controlNode: Uint8Array,
  communityId: string,
): { response?: { accepted: boolean } } => {
  // A bare key exchange carries the HRKeys again, not an AMM.
  const decoded = decodeApplicationMessage(payload);
  if (!decoded.ok || decoded.value.kind !== 'message') return {};
  const { typeName, ammSigner } = decoded.value;
  if (typeName !== 'COMMUNITY_REQUEST_TO_JOIN_RESPONSE' || !ammSigner || !equalBytes(ammSigner, controlNode))
    return {};
  const response = decoded.value.message as status.CommunityRequestToJoinResponse;
  if ('0x' + bytesToHex(response.communityId) !== communityId) return {};
  return { response: { accepted: response.accepted } };
};
