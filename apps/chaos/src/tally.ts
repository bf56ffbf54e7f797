// How a window's numbered posts fared: pure, from what was sent and how often each number is stored.

/** The text of post number `seq`: what the messages table is searched for. */
export const postText = (seq: number): string => `chaos post ${seq}`;

const POST_TEXT = /^chaos post (\d+)$/;

/** The sequence number of a post's text, or undefined for any other text. */
export const sequenceOf = (text: string): number | undefined => {
  const match = POST_TEXT.exec(text);
  return match ? Number(match[1]) : undefined;
};

export interface Tally {
  readonly sent: number;
  /** Sent numbers stored at least once. */
  readonly indexed: number;
  /** Sent numbers stored more than once. */
  readonly duplicated: number;
  /** Sent numbers not stored. */
  readonly lost: number;
}

/** `stored`: how many rows hold each sequence number. */
export const tally = (sent: readonly number[], stored: ReadonlyMap<number, number>): Tally => {
  let indexed = 0;
  let duplicated = 0;
  for (const seq of sent) {
    const rows = stored.get(seq) ?? 0;
    if (rows > 0) indexed++;
    if (rows > 1) duplicated++;
  }
  return { sent: sent.length, indexed, duplicated, lost: sent.length - indexed };
};
