import { TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';

/** A subscription request as graphql-ws received it. */
export interface SubscriptionRequest {
  readonly query: string;
  readonly operationName?: string | null | undefined;
  readonly variables?: Readonly<Record<string, unknown>> | null | undefined;
}

/**
 * What a subscription's payload for an event depends on besides the event: its document, its operation and
 * the values of the variables its selection reads. The subscription field's own arguments (filter, after,
 * communityId…) choose which events come, not what they say, so subscribers that differ only there (each
 * resuming from its own `after`) share one payload. Event fields are read from the event alone: no resolver
 * below a subscription field reads the caller or the field's arguments.
 */
export const payloadShapeOf = (
  schema: GraphQLSchema,
  document: DocumentNode,
  request: SubscriptionRequest,
): string => {
  const subscription = schema.getSubscriptionType();
  const typeInfo = new TypeInfo(schema);
  const read = new Set<string>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      VariableDefinition: () => false,
      // A directive's arguments (@include on the field itself) shape the payload: only the field's are skipped.
      Argument: () =>
        typeInfo.getDirective() === null && typeInfo.getParentType() === subscription ? false : undefined,
      Variable: (node) => {
        read.add(node.name.value);
      },
    }),
  );
  const variables = request.variables ?? {};
  // [name] alone for a variable not given, so that it differs from one given as null.
  const values = [...read]
    .sort()
    .map((name) => (Object.hasOwn(variables, name) ? [name, variables[name]] : [name]));
  return JSON.stringify([request.query, request.operationName ?? null, values]);
};
