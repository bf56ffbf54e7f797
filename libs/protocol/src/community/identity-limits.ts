// What the Status apps let an owner put in a community's, channel's or category's identity, checked before
// anything is queued or stored. status-go's own API checks the community's texts; the channel and category
// limits are status-desktop's (status-go takes any length there, so a client of ours could otherwise publish
// a description no Status app would let anyone write).
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { areCommunityTagsValid } from './tags.js';

// SG protocol/requests/create_community_request.go maxNameLength, maxDescriptionLength,
// maxIntroMessageLength, maxOutroMessageLength (CreateCommunity.Validate, also EditCommunity's).
// Go's len() counts UTF-8 bytes.
export const MAX_COMMUNITY_NAME_BYTES = 30;
export const MAX_COMMUNITY_DESCRIPTION_BYTES = 140;
export const MAX_COMMUNITY_INTRO_MESSAGE_BYTES = 1_400;
export const MAX_COMMUNITY_OUTRO_MESSAGE_BYTES = 80;

// status-desktop ui/app/AppLayouts/Communities/popups/CreateChannelPopup.qml maxChannelNameLength,
// maxChannelDescLength, and CreateCategoryPopup.qml maxCategoryNameLength. QML counts UTF-16 units, as
// JavaScript's `length` does.
export const MAX_CHANNEL_NAME_LENGTH = 24;
export const MAX_CHANNEL_DESCRIPTION_LENGTH = 140;
export const MAX_CATEGORY_NAME_LENGTH = 24;

/**
 * One emoji as the apps' pickers set it (status-go stores any string). The longest emoji sequences
 * (a kiss with two skin tones, subdivision flags) take 35 bytes; this leaves room for newer ones and
 * stops a long run of modifiers, which still counts as one grapheme.
 */
export const MAX_EMOJI_BYTES = 64;

const encoder = new TextEncoder();
// A UTF-16 unit takes at least one UTF-8 byte: a text longer in units is over the limit without encoding it.
const utf8Length = (text: string, max: number): number =>
  text.length > max ? text.length : encoder.encode(text).length;

const badInput = (message: string, details: Record<string, unknown> = {}): Result<never> =>
  fail(ErrorCode.BAD_USER_INPUT, message, details);

const required = (text: string, what: string): Result<void> | undefined =>
  text.length === 0 ? badInput(`${what} must not be empty`, { reason: 'empty' }) : undefined;

const atMostBytes = (text: string, max: number, what: string): Result<void> =>
  utf8Length(text, max) > max
    ? badInput(`${what} must be at most ${max} bytes (UTF-8)`, { reason: 'too-long', max })
    : ok(undefined);

const atMostLength = (text: string, max: number, what: string): Result<void> =>
  text.length > max
    ? badInput(`${what} must be at most ${max} characters`, { reason: 'too-long', max })
    : ok(undefined);

/** Non-empty, at most 30 bytes. */
export const checkCommunityName = (name: string): Result<void> =>
  required(name, 'name') ?? atMostBytes(name, MAX_COMMUNITY_NAME_BYTES, 'name');

/** Non-empty, at most 140 bytes. */
export const checkCommunityDescriptionText = (description: string): Result<void> =>
  required(description, 'description') ??
  atMostBytes(description, MAX_COMMUNITY_DESCRIPTION_BYTES, 'description');

/** At most 1,400 bytes; may be empty. */
export const checkCommunityIntroMessage = (text: string): Result<void> =>
  atMostBytes(text, MAX_COMMUNITY_INTRO_MESSAGE_BYTES, 'introMessage');

/** At most 80 bytes; may be empty. */
export const checkCommunityOutroMessage = (text: string): Result<void> =>
  atMostBytes(text, MAX_COMMUNITY_OUTRO_MESSAGE_BYTES, 'outroMessage');

/** Known to status-go and each once. SG protocol/requests/community_tags.go ValidateTags. */
export const checkCommunityTags = (tags: readonly string[]): Result<void> =>
  areCommunityTagsValid(tags)
    ? ok(undefined)
    : badInput('tags must be status-go community tags, each once', { reason: 'invalid-tags' });

/** Non-empty, at most 24 characters. */
export const checkChannelName = (name: string): Result<void> =>
  required(name, 'name') ?? atMostLength(name, MAX_CHANNEL_NAME_LENGTH, 'name');

/** At most 140 characters; may be empty. */
export const checkChannelDescription = (description: string): Result<void> =>
  atMostLength(description, MAX_CHANNEL_DESCRIPTION_LENGTH, 'description');

/** Non-empty, at most 24 characters. */
export const checkCategoryName = (name: string): Result<void> =>
  required(name, 'name') ?? atMostLength(name, MAX_CATEGORY_NAME_LENGTH, 'name');

// Code points an emoji sequence is made of: pictographs, keycap bases, regional indicators, skin tones,
// hair components, tag characters, ZWJ, the presentation selector and the keycap mark (Emoji_Component).
const EMOJI_SEQUENCE = /^[\p{Emoji}\p{Emoji_Component}]+$/u;
// …of which at least one must be a pictograph, a flag letter or a keycap: "1" or "#" alone is not an emoji.
const EMOJI_CORE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Empty (no emoji) or exactly one emoji (one grapheme of emoji code points), at most 64 bytes. */
export const checkIdentityEmoji = (emoji: string): Result<void> => {
  if (emoji.length === 0) return ok(undefined);
  const tooLong = utf8Length(emoji, MAX_EMOJI_BYTES) > MAX_EMOJI_BYTES;
  const single = !tooLong && [...graphemes.segment(emoji)].length === 1;
  return single && EMOJI_SEQUENCE.test(emoji) && EMOJI_CORE.test(emoji)
    ? ok(undefined)
    : badInput('emoji must be a single emoji', { reason: 'not-an-emoji' });
};
