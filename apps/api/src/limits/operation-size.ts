import type {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
} from 'graphql';
import { Kind } from 'graphql';

export interface OperationSize {
  /** Deepest field nesting (a root field alone is 1). */
  readonly depth: number;
  /** Estimated fields resolved: each field counts 1, times the page sizes of the lists around it. */
  readonly cost: number;
  /**
   * Aliased fields as written (fragments expanded where spread). Fields without an alias merge with their
   * namesakes; an alias makes its field resolve once more, as often as it is repeated.
   */
  readonly aliases: number;
}

/** Page size assumed for a list field whose `first`/`last` is not given (the connections' default). */
export const DEFAULT_PAGE_SIZE = 20;
const PAGE_ARGUMENTS = new Set(['first', 'last']);

const numberOf = (value: ValueNode, variables: Readonly<Record<string, unknown>>): number | null => {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return typeof given === 'number' ? given : null;
  }
  return null;
};

/** A field's multiplier for what it selects: its page size when paged, 1 otherwise. */
const multiplierOf = (field: FieldNode, variables: Readonly<Record<string, unknown>>): number => {
  for (const argument of field.arguments ?? []) {
    if (!PAGE_ARGUMENTS.has(argument.name.value)) continue;
    const size = numberOf(argument.value, variables);
    if (size !== null) return Math.max(1, size);
  }
  // Connections (fields that select `edges`) without a page size get the default page.
  const selectsEdges = field.selectionSet?.selections.some(
    (selection) => selection.kind === Kind.FIELD && selection.name.value === 'edges',
  );
  return selectsEdges ? DEFAULT_PAGE_SIZE : 1;
};

/**
 * Depth and cost of one operation, read from the document before execution (fragments expanded, variables
 * applied to page sizes). Fragment cycles are invalid GraphQL and stopped by validation before this runs;
 * `seen` guards anyway.
 */
export const measureOperation = (
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> = {},
): OperationSize => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  const walk = (selectionSet: SelectionSetNode, seen: ReadonlySet<string>): OperationSize => {
    let depth = 0;
    let cost = 0;
    let aliases = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const inner = selection.selectionSet
          ? walk(selection.selectionSet, seen)
          : { depth: 0, cost: 0, aliases: 0 };
        depth = Math.max(depth, 1 + inner.depth);
        cost += 1 + multiplierOf(selection, variables) * inner.cost;
        aliases += (selection.alias ? 1 : 0) + inner.aliases;
        continue;
      }
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection
          : seen.has(selection.name.value)
            ? undefined
            : fragments.get(selection.name.value);
      if (!fragment) continue;
      const next = selection.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, selection.name.value]) : seen;
      const inner = walk(fragment.selectionSet, next);
      depth = Math.max(depth, inner.depth);
      cost += inner.cost;
      aliases += inner.aliases;
    }
    return { depth, cost, aliases };
  };

  return walk(operation.selectionSet, new Set());
};
