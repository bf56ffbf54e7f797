import { ErrorCode } from '@status-communities/errors';
import { canSeeCommunity, visibleCommunities } from '../auth/community-access.js';
import { hasScope } from '../auth/scopes.js';
import type { ApiContext } from '../context.js';
import { apiError } from '../errors/api-error.js';
import type { NodeType } from '../relay/global-id.js';
import { fromGlobalId } from '../relay/global-id.js';

type Loader = (key: string, context: ApiContext) => Promise<object | null>;

/** Every node type, loaded with the same scope and visibility rules as its own query; unseen = null. */
const LOADERS: Record<NodeType, Loader> = {
  Community: async (id, { caller, services }) =>
    hasScope(caller, 'COMMUNITY_READ')
      ? services.prisma.community.findFirst({ where: { AND: [visibleCommunities(caller), { id }] } })
      : null,
  Channel: async (id, { caller, services }) =>
    hasScope(caller, 'COMMUNITY_READ')
      ? services.prisma.channel.findFirst({ where: { id, community: visibleCommunities(caller) } })
      : null,
  Message: async (id, { caller, services }) =>
    hasScope(caller, 'MESSAGES_READ')
      ? services.prisma.message.findFirst({ where: { id, community: visibleCommunities(caller) } })
      : null,
  // A bot's 1:1 messages: its tenant's keys not bound to a community only, as directMessages reads them.
  DirectMessage: async (id, { caller, services }) => {
    if (!hasScope(caller, 'MESSAGES_READ') || caller.communityId !== null) return null;
    const row = await services.prisma.directMessage.findFirst({
      where: { id, tenantId: caller.tenantId },
      include: { identity: { select: { publicKey: true } } },
    });
    return row && { ...row, botKey: row.identity.publicKey };
  },
  RequestToJoin: async (id, { caller, services }) => {
    if (!hasScope(caller, 'MODERATION_WRITE')) return null;
    const request = await services.prisma.requestToJoin.findUnique({
      where: { id },
      include: { community: true },
    });
    return request && canSeeCommunity(caller, request.community) ? request : null;
  },
  ApiKey: async (id, { caller, services }) =>
    hasScope(caller, 'ADMIN')
      ? services.prisma.apiKey.findFirst({ where: { id, tenantId: caller.tenantId } })
      : null,
  AuditLogEntry: async (id, { caller, services }) =>
    hasScope(caller, 'ADMIN') && /^[0-9]+$/.test(id)
      ? services.prisma.auditLogEntry.findFirst({ where: { id: BigInt(id), tenantId: caller.tenantId } })
      : null,
  BotIdentity: async (id, { caller, services }) =>
    hasScope(caller, 'COMMUNITY_READ')
      ? services.prisma.identity.findFirst({ where: { id, tenantId: caller.tenantId } })
      : null,
};

/** `node(id:)`: the object tagged with its type name, so the Node interface resolves to it. */
export const resolveNode = async (id: string, context: ApiContext): Promise<object | null> => {
  const parsed = fromGlobalId(id);
  if (!parsed) throw apiError(ErrorCode.BAD_USER_INPUT, 'Not a global id', { id });
  const row = await LOADERS[parsed.type](parsed.key, context).catch(() => null);
  return row && Object.assign(row, { __typename: parsed.type });
};
