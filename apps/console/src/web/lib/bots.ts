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

/** Where a bot stands in a community, as `BotIdentity.communities` answers it. */
export interface BotMembership {
  readonly state: string;
  readonly community: { readonly communityId: string; readonly identity: { readonly name: string } };
}

const STATE_NAMES: Readonly<Record<string, string>> = {
  MEMBER: 'member',
  PENDING: 'asked to join',
  ACCEPTED: 'accepted, joining',
  DECLINED: 'declined',
  CANCELED: 'request canceled',
  LEFT: 'left',
  KICKED: 'kicked',
  BANNED: 'banned',
};

/** A bot's standing in words; an unknown state (a newer API) as the API names it. */
export const membershipStateName = (state: string): string => STATE_NAMES[state] ?? state.toLowerCase();

/** Whether the list holds a bot of that name (one just made shows up a moment after it is queued). */
export const hasBotNamed = (bots: readonly { readonly displayName: string }[], name: string): boolean =>
  bots.some((bot) => bot.displayName === name);

/** Whether a bot of the list stands in the community in any way (a member, or its request arrived). */
export const botIsIn = (
  bots: readonly { readonly publicKey: string; readonly communities: readonly BotMembership[] }[],
  botKey: string,
  communityId: string,
): boolean =>
  bots.some(
    (bot) =>
      bot.publicKey === botKey &&
      bot.communities.some((membership) => membership.community.communityId === communityId),
  );
