// token_permissions rows and what evaluating them needs from the database: live channels, members' and
// held requests' revealed accounts.
import type { Prisma } from '@status-communities/db';
import type { RevealedAccountChains, TokenPermissionModel } from '@status-communities/protocol';
import { channelChatId, tokenCriteriaToJson, tokenPermissionFromJson } from '@status-communities/protocol';
import type { Db } from '../store/hosted-community.js';

/** The community's token permissions, by id order. A row that does not read back is a bug: thrown. */
export const loadTokenPermissions = async (db: Db, communityId: string): Promise<TokenPermissionModel[]> => {
  const rows = await db.tokenPermission.findMany({ where: { communityId }, orderBy: { id: 'asc' } });
  return rows.map((row) => {
    const permission = tokenPermissionFromJson(row);
    if (!permission.ok) throw permission.error;
    return permission.value;
  });
};

export const saveTokenPermission = async (
  tx: Prisma.TransactionClient,
  communityId: string,
  permission: TokenPermissionModel,
): Promise<void> => {
  const data = {
    type: permission.type,
    criteria: permission.criteria.map(tokenCriteriaToJson) as unknown as Prisma.InputJsonArray,
    chatIds: [...permission.chatIds],
    isPrivate: permission.isPrivate,
  };
  await tx.tokenPermission.upsert({
    where: { communityId_id: { communityId, id: permission.id } },
    create: { communityId, id: permission.id, ...data },
    update: data,
  });
};

/** True when a row was deleted. */
export const deleteTokenPermission = async (
  tx: Prisma.TransactionClient,
  communityId: string,
  permissionId: string,
): Promise<boolean> =>
  (await tx.tokenPermission.deleteMany({ where: { communityId, id: permissionId } })).count > 0;

/** Full chat ids of the community's live channels. */
export const liveChannelChatIds = async (db: Db, communityId: string): Promise<string[]> =>
  (
    await db.channel.findMany({
      where: { communityId, deleted: false },
      select: { uuid: true },
      orderBy: { uuid: 'asc' },
    })
  ).map((channel) => channelChatId(communityId, channel.uuid));

/** Stored RevealedAccount JSON (requests_to_join.revealed_accounts) as the evaluator reads it. */
export const revealedAccountChains = (stored: Prisma.JsonValue): RevealedAccountChains[] =>
  (Array.isArray(stored) ? stored : []).flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return [];
    const address = typeof entry['address'] === 'string' ? entry['address'].toLowerCase() : '';
    if (!/^0x[0-9a-f]{40}$/.test(address)) return [];
    const chainIds = Array.isArray(entry['chainIds'])
      ? entry['chainIds'].filter((chainId): chainId is string => typeof chainId === 'string')
      : [];
    return [{ address, chainIds }];
  });
