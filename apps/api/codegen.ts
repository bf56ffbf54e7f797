import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types from every SDL file of src/schema. `npm run codegen -w @status-communities/api` rewrites
// src/generated/graphql.ts; lint fails while it is not current (`graphql-codegen --check`).
const config: CodegenConfig = {
  schema: 'src/schema/*.graphql',
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        useIndexSignature: false,
        enumsAsTypes: true,
        contextType: '../context.js#ApiContext',
        mapperTypeSuffix: 'Model',
        mappers: {
          ApiKey: '@status-communities/db#ApiKey',
          AuditLogEntry: '@status-communities/db#AuditLogEntry',
          Ban: '@status-communities/db#Ban',
          BotIdentity: '@status-communities/db#Identity',
          BotMembership: '../bots/bot-membership-loader.js#BotMembershipModel',
          Category: '@status-communities/db#Category',
          Channel: '@status-communities/db#Channel',
          Community: '@status-communities/db#Community',
          CommunityIdentity: '@status-communities/db#Community',
          CommunityStats: '../stats/stats-range.js#StatsScope',
          DescriptionSnapshot: '@status-communities/db#DescriptionSnapshot',
          DirectMessage: '../direct/direct-message-model.js#DirectMessageModel',
          Member: '@status-communities/db#Member',
          Message: '@status-communities/db#Message',
          RequestToJoin: '@status-communities/db#RequestToJoin',
          Tenant: '@status-communities/db#Tenant',
          Viewer: '../context.js#Caller',
          WebhookDelivery: '@status-communities/db#WebhookDelivery',
          WebhookSubscription: '@status-communities/db#WebhookSubscription',
        },
        scalars: { DateTime: 'Date', BigInt: 'string', Date: 'string' },
        strictScalars: true,
        avoidOptionals: false,
        maybeValue: 'T | null',
        inputMaybeValue: 'T | null | undefined',
      },
    },
  },
};

export default config;
