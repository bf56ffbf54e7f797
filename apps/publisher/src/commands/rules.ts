// What status-go's API accepts for a community's identity, checked before anything is stored.
// SG protocol/requests/create_community_request.go Validate, edit_community.go; images.GetProtobufImageType.
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import type { IdentityImageFormat } from '@status-communities/protocol';
import {
  MAX_COMMUNITY_DESCRIPTION_BYTES,
  MAX_COMMUNITY_INTRO_MESSAGE_BYTES,
  MAX_COMMUNITY_NAME_BYTES,
  MAX_COMMUNITY_OUTRO_MESSAGE_BYTES,
  isKnownCommunityTag,
  normalizeTags,
} from '@status-communities/protocol';
import { base64ToBytes } from '@status-communities/queue';
import type { ImageRecord } from '../state.js';

/** The image kinds status-go puts in a community identity (images.GenerateIdentityImages, banner). */
export const IMAGE_KINDS: readonly string[] = ['thumbnail', 'large', 'banner'];
/**
 * status-go resizes community images to a few tens of KiB; every byte here is republished with every
 * description, so one image is capped well below a Waku message.
 */
export const MAX_IMAGE_BYTES = 100 * 1024;

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

const badInput = (field: string, message: string, details: Record<string, unknown> = {}): Result<never> =>
  fail(ErrorCode.BAD_USER_INPUT, message, { field, ...details });

const checkLength = (field: string, text: string, max: number, required: boolean): Result<void> => {
  if (required && text.length === 0) return badInput(field, `${field} must not be empty`);
  if (utf8Length(text) > max) return badInput(field, `${field} must be at most ${max} bytes`, { max });
  return ok(undefined);
};

export interface IdentityInput {
  readonly displayName?: string | undefined;
  readonly description?: string | undefined;
  readonly introMessage?: string | undefined;
  readonly outroMessage?: string | undefined;
  readonly tags?: readonly string[] | undefined;
}

/** Lengths and tags of the given identity fields; absent fields are not checked. */
export const checkIdentity = (identity: IdentityInput): Result<void> => {
  const checks: [string, string | undefined, number, boolean][] = [
    ['displayName', identity.displayName, MAX_COMMUNITY_NAME_BYTES, true],
    ['description', identity.description, MAX_COMMUNITY_DESCRIPTION_BYTES, true],
    ['introMessage', identity.introMessage, MAX_COMMUNITY_INTRO_MESSAGE_BYTES, false],
    ['outroMessage', identity.outroMessage, MAX_COMMUNITY_OUTRO_MESSAGE_BYTES, false],
  ];
  for (const [field, text, max, required] of checks) {
    if (text === undefined) continue;
    const checked = checkLength(field, text, max, required);
    if (!checked.ok) return checked;
  }
  const unknown = (identity.tags ?? []).filter((tag) => !isKnownCommunityTag(tag));
  if (unknown.length > 0)
    return badInput('tags', `unknown community tags: ${unknown.join(', ')}`, { unknown });
  return ok(undefined);
};

/** Known tags, each once, in the order given (the builder sorts nothing: the order is the owner's). */
export const storedTags = (tags: readonly string[]): string[] => normalizeTags(tags);

/** The format a payload's magic bytes announce. SG images/decode.go GetProtobufImageType. */
export const imageFormatOf = (payload: Uint8Array): IdentityImageFormat => {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => payload[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'PNG';
  if (starts(0xff, 0xd8, 0xff)) return 'JPEG';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'GIF';
  const ascii = (from: number, to: number) => Buffer.from(payload.subarray(from, to)).toString('latin1');
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'WEBP';
  return 'UNKNOWN';
};

/** The images of a command, checked: known kinds, each once, a known format, at most MAX_IMAGE_BYTES. */
export const checkImages = (
  images: readonly { readonly kind: string; readonly payload: string }[],
): Result<ImageRecord[]> => {
  const records: ImageRecord[] = [];
  for (const image of images) {
    if (!IMAGE_KINDS.includes(image.kind))
      return badInput('images', `image kind must be one of ${IMAGE_KINDS.join(', ')}`, { kind: image.kind });
    if (records.some((record) => record.kind === image.kind))
      return badInput('images', `image kind ${image.kind} given twice`, { kind: image.kind });
    const payload = base64ToBytes(image.payload);
    if (payload.length > MAX_IMAGE_BYTES)
      return badInput('images', `image ${image.kind} is larger than ${MAX_IMAGE_BYTES} bytes`, {
        kind: image.kind,
        size: payload.length,
      });
    const format = imageFormatOf(payload);
    if (format === 'UNKNOWN')
      return badInput('images', `image ${image.kind} is not PNG, JPEG, GIF or WEBP`, { kind: image.kind });
    records.push({ kind: image.kind, format, source: 'RAW_PAYLOAD', payload });
  }
  return ok(records);
};

// A v4 UUID: version nibble 4, variant 10xx. status-go names channels with uuid.New() (v4).
const UUID_V4_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const checkNewChannelId = (channelId: string): Result<void> =>
  UUID_V4_PATTERN.test(channelId)
    ? ok(undefined)
    : badInput('channelId', 'a new channel needs a lowercase v4 UUID', { channelId });
