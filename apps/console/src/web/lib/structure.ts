// How the console lays out a community's channels and categories, and which position a move asks for. The
// control node keeps positions per category (channels) and per community (categories), counted from 0, and
// re-numbers the rest when one moves (publisher commands/decide.ts, as status-go's ReorderCommunityChat).

export interface PlacedChannel {
  readonly uuid: string;
  readonly categoryId: string | null;
  readonly position: number;
}

export interface PlacedCategory {
  readonly categoryId: string;
  readonly position: number;
}

/** One block of the list: the channels without a category first (as the Status app shows them), then each category. */
export interface ChannelSection<C extends PlacedChannel, K extends PlacedCategory> {
  readonly category: K | null;
  readonly channels: readonly C[];
}

const byPosition = <T extends { readonly position: number }>(a: T, b: T) => a.position - b.position;

/**
 * Channels grouped by category, each group in its order; a channel naming a category the community does not
 * list (a description mid-update) is shown without one rather than hidden.
 */
export const channelSections = <C extends PlacedChannel, K extends PlacedCategory>(
  channels: readonly C[],
  categories: readonly K[],
): ChannelSection<C, K>[] => {
  const known = new Set(categories.map((category) => category.categoryId));
  const inCategory = (id: string | null) =>
    channels
      .filter(
        (channel) =>
          (channel.categoryId !== null && known.has(channel.categoryId) ? channel.categoryId : null) === id,
      )
      .sort(byPosition);
  const loose = inCategory(null);
  const sections: ChannelSection<C, K>[] = loose.length > 0 ? [{ category: null, channels: loose }] : [];
  for (const category of [...categories].sort(byPosition))
    sections.push({ category, channels: inCategory(category.categoryId) });
  return sections;
};

/**
 * The position to ask for when the item at `index` of an ordered list moves by `step` (−1 up, +1 down), or
 * undefined when it is already at that end.
 */
export const movedPosition = (index: number, length: number, step: -1 | 1): number | undefined => {
  const target = index + step;
  return target < 0 || target >= length ? undefined : target;
};
