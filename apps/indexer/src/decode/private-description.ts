// A description of an encrypted community read with the group keys held here — a hosted community's, or one
// a bot of ours took in as a member of a community run elsewhere (publisher member-keys): its members,
// channels and categories come out of privateData, so the community is stored as its members see it. A part
// under a key we hold that does not open is garbage from the sender: the description is refused
// (`privateDataRefused`), nothing of it stored. Parts under keys we do not hold stay hidden, as before.
import { ErrorCode } from '@status-communities/errors';
import { status } from '@status-communities/proto';
import { decryptCommunityDescription } from '@status-communities/protocol';
import type { Decoded } from './decode.js';
import type { HashRatchetOpening } from './hash-ratchet.js';

export const openPrivateDescription = async (
  decoded: Decoded,
  opening: HashRatchetOpening | undefined,
): Promise<Decoded> => {
  if (!opening || decoded.kind !== 'message' || decoded.message.typeName !== 'COMMUNITY_DESCRIPTION')
    return decoded;
  const description = decoded.message.message as status.CommunityDescription;
  if (Object.keys(description.privateData ?? {}).length === 0) return decoded;
  // Read again at most once a second: a bot's keys arrive through the publisher, not through this process.
  const keys = await opening.keys.lookup(decoded.route.communityId, true);
  const { description: opened, undecrypted } = decryptCommunityDescription(description, keys);
  const garbage = undecrypted.find(
    (entry) =>
      entry.error.code !== ErrorCode.HASH_RATCHET_KEY_NOT_FOUND &&
      entry.keyId !== undefined &&
      keys.byKeyId(entry.keyId) !== undefined,
  );
  if (garbage) return { ...decoded, privateDataRefused: garbage.error.code };
  if (undecrypted.length > 0) return decoded;
  // Every part read: the description is whole, nothing of it is hidden any more.
  const whole = status.CommunityDescription.create({ ...opened, privateData: {} });
  return { ...decoded, message: { ...decoded.message, message: whole } };
};
