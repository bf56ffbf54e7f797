import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import type { ApiContext } from '../context.js';
import type { ApiMetrics } from './api-metrics.js';

/** The label of an operation: its root fields (named by the schema, so the label set stays bounded). */
export const operationLabel = (operation: OperationDefinitionNode | undefined | null): string => {
  if (!operation) return 'unparsed';
  const fields = operation.selectionSet.selections
    .map((selection) => (selection.kind === Kind.FIELD ? selection.name.value : '…'))
    .sort();
  return [...new Set(fields)].slice(0, 4).join(',');
};

/** API latency by operation: every HTTP operation observed once, with its outcome. */
export const metricsPlugin = (metrics: ApiMetrics): ApolloServerPlugin<ApiContext> => ({
  requestDidStart: async () => {
    const started = performance.now();
    return {
      willSendResponse: async ({ operation, response, errors }) => {
        const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
        const firstError = errors?.[0] ?? body?.errors?.[0];
        metrics.operationSeconds.observe(
          {
            type: operation?.operation ?? 'unknown',
            operation: operationLabel(operation),
            outcome: firstError ? String(firstError.extensions?.['code'] ?? 'error') : 'ok',
          },
          (performance.now() - started) / 1000,
        );
      },
    };
  },
});
