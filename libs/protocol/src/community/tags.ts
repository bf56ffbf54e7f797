/** One entry of status-go's community tag list: the name travels in descriptions, the emoji is display only. */
export interface CommunityTag {
  readonly name: string;
  readonly emoji: string;
}

/**
 * status-go's tags in status-go's order. Share URLs carry tag *indices* into this list, so the order is
 * part of the wire format: never sort or insert. SG protocol/requests/community_tags.go allTags.
 */
export const COMMUNITY_TAGS: readonly CommunityTag[] = Object.freeze([
  { name: 'Activism', emoji: '✊' },
  { name: 'Art', emoji: '🎨' },
  { name: 'Blockchain', emoji: '🔗' },
  { name: 'Books & blogs', emoji: '📚' },
  { name: 'Career', emoji: '💼' },
  { name: 'Collaboration', emoji: '🤝' },
  { name: 'Commerce', emoji: '🛒' },
  { name: 'Culture', emoji: '🎎' },
  { name: 'DAO', emoji: '🚀' },
  { name: 'DeFi', emoji: '📈' },
  { name: 'Design', emoji: '🧩' },
  { name: 'DIY', emoji: '🔨' },
  { name: 'Environment', emoji: '🌿' },
  { name: 'Education', emoji: '🎒' },
  { name: 'Entertainment', emoji: '🍿' },
  { name: 'Ethereum', emoji: 'Ξ' },
  { name: 'Event', emoji: '🗓' },
  { name: 'Fantasy', emoji: '🧙‍♂️' },
  { name: 'Fashion', emoji: '🧦' },
  { name: 'Food', emoji: '🌶' },
  { name: 'Gaming', emoji: '🎮' },
  { name: 'Global', emoji: '🌍' },
  { name: 'Health', emoji: '🧠' },
  { name: 'Hobby', emoji: '📐' },
  { name: 'Innovation', emoji: '🧪' },
  { name: 'Language', emoji: '📜' },
  { name: 'Lifestyle', emoji: '✨' },
  { name: 'Local', emoji: '📍' },
  { name: 'Love', emoji: '❤️' },
  { name: 'Markets', emoji: '💎' },
  { name: 'Movies & TV', emoji: '🎞' },
  { name: 'Music', emoji: '🎶' },
  { name: 'News', emoji: '🗞' },
  { name: 'NFT', emoji: '🖼' },
  { name: 'Non-profit', emoji: '🙏' },
  { name: 'NSFW', emoji: '🍆' },
  { name: 'Org', emoji: '🏢' },
  { name: 'Pets', emoji: '🐶' },
  { name: 'Play', emoji: '🎲' },
  { name: 'Podcast', emoji: '🎙️' },
  { name: 'Politics', emoji: '🗳️' },
  { name: 'Product', emoji: '🍱' },
  { name: 'Psyche', emoji: '🍁' },
  { name: 'Privacy', emoji: '👻' },
  { name: 'Security', emoji: '🔒' },
  { name: 'Social', emoji: '☕' },
  { name: 'Software dev', emoji: '👩‍💻' },
  { name: 'Sports', emoji: '⚽️' },
  { name: 'Tech', emoji: '📱' },
  { name: 'Travel', emoji: '🗺' },
  { name: 'Vehicles', emoji: '🚕' },
  { name: 'Web3', emoji: '🌐' },
]);

/** The tag names alone, in wire order (index i here is tag index i in share URLs). */
export const COMMUNITY_TAG_NAMES: readonly string[] = Object.freeze(COMMUNITY_TAGS.map((tag) => tag.name));

const INDEX_BY_NAME: ReadonlyMap<string, number> = new Map(
  COMMUNITY_TAG_NAMES.map((name, index) => [name, index]),
);

/** True when status-go knows the tag (names are case-sensitive). SG requests.ValidateTags. */
export const isKnownCommunityTag = (name: string): boolean => INDEX_BY_NAME.has(name);

/** Index of a tag in the wire order, undefined for unknown names. SG requests.TagIndex. */
export const communityTagIndex = (name: string): number | undefined => INDEX_BY_NAME.get(name);

/** The tag at a wire index, undefined when out of range. SG requests.TagByIndex. */
export const communityTagByIndex = (index: number): CommunityTag | undefined =>
  Number.isInteger(index) ? COMMUNITY_TAGS[index] : undefined;

/**
 * Drops unknown tags and duplicates, keeping first occurrences in input order.
 * SG protocol/requests/community_tags.go RemoveUnknownAndDeduplicateTags (status-go returns the same set
 * in map order, i.e. unordered; a stable order keeps our descriptions deterministic).
 */
export const normalizeTags = (tags: readonly string[]): string[] => [
  ...new Set(tags.filter((tag) => INDEX_BY_NAME.has(tag))),
];

/** True when every tag is known and none repeats. SG protocol/requests/community_tags.go ValidateTags. */
export const areCommunityTagsValid = (tags: readonly string[]): boolean =>
  tags.every((tag) => INDEX_BY_NAME.has(tag)) && new Set(tags).size === tags.length;
