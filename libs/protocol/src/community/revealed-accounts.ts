import {
  bytesToPrefixedHex,
  compressPublicKey,
  concatBytes,
  decompressPublicKey,
  isValidPrivateKey,
  keccak256,
  personalSign,
  publicKeyFromPrivateKey,
  publicKeyToAddress,
  recoverPersonalSignAddress,
  utf8ToBytes,
} from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { bigIntToUint64, status } from '@status-communities/proto';

/**
 * Request ID: keccak256 of the text `"<0x04… requester key>-<0x02… community ID>"`. Both parts are
 * lowercased, the only spelling status-go renders (common.PubkeyToHex, types.HexBytes.String).
 * SG protocol/communities/utils.go CalculateRequestID.
 */
export const requestToJoinId = (requesterUncompressedHex: string, communityIdHex: string): Uint8Array =>
  keccak256(utf8ToBytes(`${requesterUncompressedHex.toLowerCase()}-${communityIdHex.toLowerCase()}`));

/**
 * The 32 bytes each revealed wallet personal-signs: keccak256(compressed requester key || community ID
 * bytes || request ID). SG protocol/messenger_communities.go generateCommunityRequestsForSigning,
 * manager.go HandleCommunityRequestToJoin (RecoverParams.Message).
 */
export const revealedAccountMessage = (
  requesterCompressed: Uint8Array,
  communityId: Uint8Array,
  requestId: Uint8Array,
): Uint8Array => keccak256(concatBytes(requesterCompressed, communityId, requestId));

export interface RevealedAccountSigningInput {
  /** The wallet whose address is revealed. */
  readonly walletPrivateKey: Uint8Array;
  /** The requester's chat key (33 or 65 bytes): the AMM signer of the request. */
  readonly requesterPublicKey: Uint8Array;
  /** 33-byte community ID. */
  readonly communityId: Uint8Array;
  readonly chainIds?: readonly bigint[];
  readonly isAirdropAddress?: boolean;
}

/** EIP-55 mixed-case form, what status-go's `Address.Hex()` hands the UI and the UI sends back. */
const checksumAddress = (lowercase: string): string => {
  const digits = lowercase.slice(2);
  const hash = keccak256(utf8ToBytes(digits));
  let out = '0x';
  for (let i = 0; i < digits.length; i++) {
    const nibble = ((hash[i >> 1] ?? 0) >> (i % 2 === 0 ? 4 : 0)) & 0xf;
    out += nibble >= 8 ? (digits[i] ?? '').toUpperCase() : (digits[i] ?? '');
  }
  return out;
};

/**
 * A RevealedAccount for our own bots' requests: the wallet's address and its personal signature (v 27/28,
 * as wallets produce) over revealedAccountMessage. SG protocol/messenger_communities.go RequestToJoinCommunity.
 */
export const signRevealedAccount = ({
  walletPrivateKey,
  requesterPublicKey,
  communityId,
  chainIds = [],
  isAirdropAddress = false,
}: RevealedAccountSigningInput): Result<status.RevealedAccount> => {
  if (!isValidPrivateKey(walletPrivateKey))
    return fail(ErrorCode.INVALID_KEY, 'not a valid wallet private key');
  const uncompressed = decompressPublicKey(requesterPublicKey);
  if (!uncompressed.ok) return uncompressed;
  const compressed = compressPublicKey(uncompressed.value);
  if (!compressed.ok) return compressed;
  const requestId = requestToJoinId(bytesToPrefixedHex(uncompressed.value), bytesToPrefixedHex(communityId));
  const message = revealedAccountMessage(compressed.value, communityId, requestId);
  return ok(
    status.RevealedAccount.create({
      address: checksumAddress(publicKeyToAddress(publicKeyFromPrivateKey(walletPrivateKey))),
      signature: personalSign(message, walletPrivateKey),
      chainIds: chainIds.map(bigIntToUint64),
      isAirdropAddress,
    }),
  );
};

/** go-ethereum HexToAddress reads any case; anything that is not 20 bytes of hex names no wallet here. */
const normalizeAddress = (address: string): string | undefined => {
  const digits = address.replace(/^0[xX]/, '').toLowerCase();
  return /^[0-9a-f]{40}$/.test(digits) ? '0x' + digits : undefined;
};

/**
 * Whether a revealed account's signature recovers to its address. Ok(false) is a mismatch (status-go
 * declines the request); a failure is a signature personal_ecRecover cannot read (status-go drops the
 * request). personal_ecRecover takes v 27/28 only. SG account/accounts.go CanRecover,
 * eth-node/crypto/crypto.go EcRecover.
 */
export const revealedAccountMatches = (
  account: status.RevealedAccount.$Properties,
  message: Uint8Array,
): Result<boolean> => {
  const recovered = recoverPersonalSignAddress(message, account.signature ?? new Uint8Array(0), {
    strictV: true,
  });
  if (!recovered.ok) return recovered;
  return ok(normalizeAddress(account.address ?? '') === recovered.value);
};
