import { deserializePublicKey, parsePublicKeyHex } from '@status-communities/crypto';
import { ErrorCode, type Result, fail, ok } from '@status-communities/errors';
import {
  type CommunityUrlData,
  decodeShareUrl,
  encodeChannelUrl,
  encodeCommunityUrl,
  encodeUserUrl,
} from '@status-communities/protocol';
import { type Command, parseCommandArgs, requirePositional, subcommands } from '../command.js';

const decodeUrl: Command = (argv) => {
  const parsed = parseCommandArgs(argv, {});
  if (!parsed.ok) return parsed;
  const url = requirePositional(parsed.value.positionals, 0, 'status.app URL');
  if (!url.ok) return url;
  const decoded = decodeShareUrl(url.value);
  if (!decoded.ok) return decoded;
  // Flatten the URL data next to the identifiers: that is what people look for first.
  const { data, ...identifiers } = decoded.value;
  return ok({ ...identifiers, ...(data ?? {}) });
};

const dataOptions = {
  key: { type: 'string' },
  'display-name': { type: 'string' },
  description: { type: 'string' },
  color: { type: 'string' },
  'members-count': { type: 'string' },
  'tag-indices': { type: 'string' },
  emoji: { type: 'string' },
  uuid: { type: 'string' },
} as const;

/** `0x02…`/`0x03…`/`0x04…` or `zQ3sh…`. */
function parseAnyPublicKey(text: string | undefined): Result<Uint8Array> {
  if (text === undefined) return fail(ErrorCode.BAD_USER_INPUT, 'missing --key');
  return text.startsWith('z') ? deserializePublicKey(text) : parsePublicKeyHex(text);
}

function parseCount(text: string | undefined, name: string): Result<number> {
  if (text === undefined) return ok(0);
  return /^\d+$/.test(text)
    ? ok(Number(text))
    : fail(ErrorCode.BAD_USER_INPUT, `${name} must be a whole number`);
}

function parseIndices(text: string | undefined): Result<number[]> {
  if (text === undefined || text === '') return ok([]);
  const parts = text.split(',');
  if (!parts.every((part) => /^\d+$/.test(part.trim())))
    return fail(ErrorCode.BAD_USER_INPUT, '--tag-indices must be comma-separated whole numbers');
  return ok(parts.map((part) => Number(part.trim())));
}

const encodeUrl: Command = (argv) => {
  const [kind, ...rest] = argv;
  const parsed = parseCommandArgs(rest, dataOptions);
  if (!parsed.ok) return parsed;
  const options = parsed.value.values;
  const key = parseAnyPublicKey(options.key);
  if (!key.ok) return key;
  const membersCount = parseCount(options['members-count'], '--members-count');
  if (!membersCount.ok) return membersCount;
  const tagIndices = parseIndices(options['tag-indices']);
  if (!tagIndices.ok) return tagIndices;
  const hasData = ['display-name', 'description', 'color', 'members-count', 'tag-indices', 'emoji'].some(
    (name) => options[name as keyof typeof options] !== undefined,
  );
  const text = { displayName: options['display-name'] ?? '', description: options.description ?? '' };
  const community: CommunityUrlData = {
    ...text,
    color: options.color ?? '',
    membersCount: membersCount.value,
    tagIndices: tagIndices.value,
  };

  let url: Result<string>;
  if (kind === 'community') {
    url = encodeCommunityUrl({ communityKey: key.value, ...(hasData ? { data: community } : {}) });
  } else if (kind === 'channel') {
    if (options.uuid === undefined) return fail(ErrorCode.BAD_USER_INPUT, 'missing --uuid');
    const channel = { ...text, emoji: options.emoji ?? '', color: options.color ?? '' };
    url = encodeChannelUrl({
      communityKey: key.value,
      channelUuid: options.uuid,
      ...(hasData ? { data: channel } : {}),
    });
  } else if (kind === 'user') {
    url = encodeUserUrl({
      publicKey: key.value,
      ...(hasData ? { data: { ...text, color: options.color ?? '' } } : {}),
    });
  } else {
    return fail(ErrorCode.BAD_USER_INPUT, 'url encode needs one of: community, channel, user');
  }
  return url.ok ? ok({ url: url.value }) : url;
};

/** `url decode <url>` | `url encode community|channel|user --key …` */
export const urlCommand = subcommands('url', { decode: decodeUrl, encode: encodeUrl });
