import { z } from 'zod';
import type { ApiKey } from '@status-communities/db';
import { ApiScope } from '@status-communities/db';
import { ErrorCode } from '@status-communities/errors';
import { newApiKeySecret } from '../auth/api-key-secret.js';
import { canControlCommunity } from '../auth/community-access.js';
import { keyCacheId } from '../auth/key-store.js';
import type { ApiContext } from '../context.js';
import type { CreateApiKeyInput, Resolvers, RevokeApiKeyInput } from '../generated/graphql.js';
import { mutationResolver } from '../mutations/run-mutation.js';
import type { UserErrorValue } from '../mutations/user-errors.js';
import { userError, userErrorsOf } from '../mutations/user-errors.js';
import { fromGlobalId } from '../relay/global-id.js';

const CreateKeySchema = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(ApiScope)).min(1),
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000).nullish(),
  expiresAt: z.date().nullish(),
});

interface KeyPayload {
  apiKey?: ApiKey | null;
  secret?: string | null;
  userErrors: UserErrorValue[];
}

/** Replays keep the key's id only: the secret is never stored, so a replay cannot show it again. */
const toStored = (payload: KeyPayload) => ({
  apiKeyId: payload.apiKey?.id ?? null,
  userErrors: payload.userErrors,
});
const fromStored = async (stored: unknown, context: ApiContext): Promise<KeyPayload> => {
  const { apiKeyId, userErrors } = stored as { apiKeyId: string | null; userErrors: UserErrorValue[] };
  const apiKey = apiKeyId
    ? await context.services.prisma.apiKey.findUnique({ where: { id: apiKeyId } })
    : null;
  return { apiKey, secret: null, userErrors };
};

const notFound = (): KeyPayload => ({
  userErrors: [userError(ErrorCode.NOT_FOUND, 'No key of your tenant has this id', ['input', 'id'])],
});

export const apiKeyMutations: Resolvers['Mutation'] = {
  createApiKey: mutationResolver({
    action: 'api-key.create',
    scope: 'ADMIN',
    communityOf: (input: CreateApiKeyInput) => input.communityId,
    toStored,
    fromStored,
    execute: async (input: CreateApiKeyInput, context): Promise<KeyPayload> => {
      const parsed = CreateKeySchema.safeParse(input);
      if (!parsed.success) return { userErrors: userErrorsOf(parsed.error.issues) };
      const { caller, services } = context;
      // A key bound to a community makes keys for that community only.
      const communityId = input.communityId ?? caller.communityId;
      if (caller.communityId !== null && communityId !== caller.communityId)
        return {
          userErrors: [
            userError(ErrorCode.FORBIDDEN, 'A key bound to a community makes keys for it only', [
              'input',
              'communityId',
            ]),
          ],
        };
      if (communityId !== null) {
        const community = await services.prisma.community.findUnique({ where: { id: communityId } });
        if (!community || !canControlCommunity(caller, community))
          return {
            userErrors: [
              userError(ErrorCode.NOT_FOUND, 'No hosted community of yours has this id', [
                'input',
                'communityId',
              ]),
            ],
          };
      }
      const key = newApiKeySecret();
      const apiKey = await services.prisma.apiKey.create({
        data: {
          tenantId: caller.tenantId,
          name: parsed.data.name,
          prefix: key.prefix,
          keyHash: key.hash,
          scopes: [...new Set(parsed.data.scopes)],
          communityId,
          rateLimit: parsed.data.rateLimitPerMinute ?? null,
          expiresAt: parsed.data.expiresAt ?? null,
        },
      });
      return { apiKey, secret: key.secret, userErrors: [] };
    },
  }),
  revokeApiKey: mutationResolver({
    action: 'api-key.revoke',
    scope: 'ADMIN',
    toStored,
    fromStored,
    execute: async (input: RevokeApiKeyInput, context): Promise<KeyPayload> => {
      const id = fromGlobalId(input.id);
      if (!id || id.type !== 'ApiKey') return notFound();
      const { caller, services } = context;
      const key = await services.prisma.apiKey.findFirst({
        where: {
          id: id.key,
          tenantId: caller.tenantId,
          ...(caller.communityId === null ? {} : { communityId: caller.communityId }),
        },
      });
      if (!key) return notFound();
      const apiKey = key.revokedAt
        ? key
        : await services.prisma.apiKey.update({
            where: { id: key.id },
            data: { revokedAt: new Date(services.clock()) },
          });
      // Announced again when already revoked: a retry after a lost notice still reaches every instance.
      await services.keyRevocations.announce({ id: key.id, keyHash: keyCacheId(key.keyHash) });
      return { apiKey, userErrors: [] };
    },
  }),
};
