// UTC buckets of the analytics roll-ups, as SQL literals: the session time zone never shifts a day.

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of the UTC day holding `ms`. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** `YYYY-MM-DDTHH:00:00.000Z`: the start of the UTC hour holding `ms`. */
export const utcHour = (ms: number): string => new Date(ms - (ms % 3_600_000)).toISOString();

/** Whole UTC days from the day of `fromMs` to the day of `toMs` (negative when earlier). */
export const daysBetween = (fromMs: number, toMs: number): number =>
  Math.floor(toMs / DAY_MS) - Math.floor(fromMs / DAY_MS);
