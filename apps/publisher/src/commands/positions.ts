/** Something with a position in an ordered group (channels of one category, the categories). */
export interface Positioned {
  readonly position: number;
}

const byPosition = <T extends Positioned>(items: readonly T[], idOf: (item: T) => string): T[] =>
  [...items].sort((a, b) => a.position - b.position || (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));

/**
 * The group with `item` placed at `position` (clamped to the end; absent: at the end), the others keeping
 * their order, and every position renumbered 0..n-1. status-go keeps positions dense the same way
 * (SG communities/community.go insertAndSort, SortCategoryChats, reorderCategories).
 */
export const placeAt = <T extends Positioned>(
  group: readonly T[],
  item: T,
  position: number | undefined,
  idOf: (item: T) => string,
): T[] => {
  const others = byPosition(
    group.filter((other) => idOf(other) !== idOf(item)),
    idOf,
  );
  const at = Math.min(position ?? others.length, others.length);
  return renumber([...others.slice(0, at), item, ...others.slice(at)]);
};

/** The group in its current order, renumbered 0..n-1 (after an item left it). */
export const compact = <T extends Positioned>(group: readonly T[], idOf: (item: T) => string): T[] =>
  renumber(byPosition(group, idOf));

const renumber = <T extends Positioned>(ordered: readonly T[]): T[] =>
  ordered.map((item, position) => (item.position === position ? item : { ...item, position }));
