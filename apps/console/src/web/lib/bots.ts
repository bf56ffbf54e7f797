/**
 * The display-name rule of `createBotIdentity`, as the API's command schema holds it: receivers drop every
 * message of a bot named otherwise, so the form says so before anything is queued.
 */
export const BOT_NAME_RULE = '5 to 24 letters, digits, _, - or inner spaces, not ending in _eth or -eth';

const BOT_NAME_PATTERN = /^[0-9A-Za-z_-][0-9A-Za-z_ -]{3,22}[0-9A-Za-z_-]$/;

/** What is wrong with a bot's display name, or undefined when the API will take it. */
export const botNameProblem = (name: string): string | undefined => {
  if (!BOT_NAME_PATTERN.test(name)) return `A bot's display name is ${BOT_NAME_RULE}.`;
  if (/[_-]eth$/.test(name)) return `A bot's display name is ${BOT_NAME_RULE}.`;
  return undefined;
};

/** Which of the tenant's bots are members of one community, by their `0x04…` keys. */
export const botsAmong = (botKeys: readonly string[], memberKeys: Iterable<string>): string[] => {
  const members = new Set(Array.from(memberKeys, (key) => key.toLowerCase()));
  return botKeys.filter((key) => members.has(key.toLowerCase()));
};

export interface Membership {
  readonly communityId: string;
  readonly name: string;
}

/** Communities per bot key, from each community's bots (a community scanned later adds to the earlier). */
export const membershipsByBot = (
  scanned: readonly { readonly community: Membership; readonly bots: readonly string[] }[],
): ReadonlyMap<string, readonly Membership[]> => {
  const byBot = new Map<string, Membership[]>();
  for (const { community, bots } of scanned)
    for (const bot of bots) byBot.set(bot, [...(byBot.get(bot) ?? []), community]);
  return byBot;
};
