// Which queries the response cache may keep: those whose every root field reads one community's data, named
// by its arguments, so that the events of that community (and only they) say when the answer changes.
import { Kind } from 'graphql';
import type { ArgumentNode, OperationDefinitionNode, ValueNode } from 'graphql';

/** A compressed community key as ids carry it; a channel id is the community's id followed by its UUID. */
const COMMUNITY_ID = /^0x0[23][0-9a-f]{64}/;

type Variables = Readonly<Record<string, unknown>> | undefined;

const valueOf = (node: ValueNode | undefined, variables: Variables): unknown => {
  if (node === undefined) return undefined;
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables?.[node.name.value];
    case Kind.STRING:
      return node.value;
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, valueOf(field.value, variables)]),
      );
    default:
      return undefined;
  }
};

const argument = (args: readonly ArgumentNode[] | undefined, name: string, variables: Variables): unknown =>
  valueOf(args?.find((arg) => arg.name.value === name)?.value, variables);

/** The community id a string starts with, lower-cased as events carry it. */
const communityIdIn = (value: unknown): string | undefined =>
  typeof value === 'string' ? COMMUNITY_ID.exec(value.toLowerCase())?.[0] : undefined;

/** The community a root field reads, when the field is one the cache knows; undefined otherwise. */
const communityOfField = (name: string, args: readonly ArgumentNode[] | undefined, variables: Variables) => {
  switch (name) {
    case 'community': {
      // Only a ref by id: a chat key or URL would first have to be resolved to know whose events count.
      const ref = argument(args, 'ref', variables) as Record<string, unknown> | undefined;
      return ref && ref['chatKey'] === undefined && ref['url'] === undefined
        ? communityIdIn(ref['id'])
        : undefined;
    }
    case 'messages':
      return communityIdIn(argument(args, 'channelId', variables));
    case 'stats':
      return communityIdIn(argument(args, 'communityId', variables));
    default:
      return undefined;
  }
};

/**
 * The one community a query reads, when it may be cached: a query (not a mutation or subscription) whose root
 * selections are all `community(ref: { id })`, `messages(channelId)` or `stats(communityId)` fields of that
 * same community (or `__typename`), without directives or fragments at the root.
 */
export const cacheableCommunity = (
  operation: OperationDefinitionNode | undefined | null,
  variables: Variables,
): string | undefined => {
  if (operation?.operation !== 'query') return undefined;
  let community: string | undefined;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || (selection.directives?.length ?? 0) > 0) return undefined;
    if (selection.name.value === '__typename') continue;
    const read = communityOfField(selection.name.value, selection.arguments, variables);
    if (read === undefined || (community !== undefined && read !== community)) return undefined;
    community = read;
  }
  return community;
};
