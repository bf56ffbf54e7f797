/** The CommunityRef of what a person pastes: a share URL, a `zQ3sh…` chat key or a `0x…` id. */
export const communityRefOf = (text: string): Record<string, string> => {
  const value = text.trim();
  if (/^https?:\/\//i.test(value)) return { url: value };
  if (/^zQ3/.test(value)) return { chatKey: value };
  return { id: value };
};
