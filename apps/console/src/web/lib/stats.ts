/** Shapes of the `stats` query, turned into the columns the charts draw. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

export interface MemberCountPoint {
  readonly day: string;
  readonly memberCount: number;
  readonly joined: number;
  readonly left: number;
}

export interface ChannelDayCount {
  readonly channelId: string;
  readonly day: string;
  readonly messages: number;
  readonly uniquePosters: number;
}

export interface PostersPoint {
  readonly day: string;
  readonly daily: number;
  readonly weekly: number;
  readonly monthly: number;
}

export interface HeatMapCell {
  readonly weekday: number;
  readonly hour: number;
  readonly messages: number;
}

/** A chart's data: one x per day and named series of the same length (null: no roll-up that day). */
export interface DaySeries {
  readonly days: readonly string[];
  readonly series: readonly { readonly label: string; readonly values: readonly (number | null)[] }[];
}

const DAY_MS = 86_400_000;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The `days` days ending on `today` (UTC), as the TimeRange input. */
export const rangeEnding = (today: Date, days: number): DayRange => {
  const to = dayOf(today.getTime());
  return { from: dayOf(Date.parse(to) - (days - 1) * DAY_MS), to };
};

/** Every day of the range, both ends included. */
export const daysOf = (range: DayRange): string[] => {
  const days: string[] = [];
  for (let ms = Date.parse(range.from); ms <= Date.parse(range.to); ms += DAY_MS) days.push(dayOf(ms));
  return days;
};

/** Unix seconds of a day's start: uPlot's x values. */
export const dayToSeconds = (day: string): number => Date.parse(day) / 1000;

const byDay = <P extends { day: string }>(points: readonly P[]) =>
  new Map(points.map((point) => [point.day, point]));

/** Members over time: the count where a roll-up exists (null between), joins and leaves (0 where none). */
export const memberSeries = (range: DayRange, points: readonly MemberCountPoint[]): DaySeries => {
  const days = daysOf(range);
  const found = byDay(points);
  return {
    days,
    series: [
      { label: 'members', values: days.map((day) => found.get(day)?.memberCount ?? null) },
      { label: 'joined', values: days.map((day) => found.get(day)?.joined ?? 0) },
      { label: 'left', values: days.map((day) => found.get(day)?.left ?? 0) },
    ],
  };
};

/** Messages per day, one series per channel (named by `nameOf`, its chat id otherwise), 0 on quiet days. */
export const channelSeries = (
  range: DayRange,
  counts: readonly ChannelDayCount[],
  nameOf: (chatId: string) => string | undefined,
): DaySeries => {
  const days = daysOf(range);
  const channels = [...new Set(counts.map((count) => count.channelId))].sort();
  return {
    days,
    series: channels.map((channelId) => {
      const perDay = new Map(
        counts.filter((count) => count.channelId === channelId).map((count) => [count.day, count.messages]),
      );
      return { label: nameOf(channelId) ?? channelId, values: days.map((day) => perDay.get(day) ?? 0) };
    }),
  };
};

/** Daily, weekly and monthly distinct posters, 0 on days without a roll-up. */
export const posterSeries = (range: DayRange, points: readonly PostersPoint[]): DaySeries => {
  const days = daysOf(range);
  const found = byDay(points);
  return {
    days,
    series: (['daily', 'weekly', 'monthly'] as const).map((label) => ({
      label,
      values: days.map((day) => found.get(day)?.[label] ?? 0),
    })),
  };
};

/** The 7×24 grid (Sunday first, hours UTC), 0 where the API sent no cell, and its largest value. */
export const heatGrid = (cells: readonly HeatMapCell[]): { grid: number[][]; max: number } => {
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const cell of cells)
    if (cell.weekday >= 0 && cell.weekday < 7 && cell.hour >= 0 && cell.hour < 24)
      (grid[cell.weekday] as number[])[cell.hour] = cell.messages;
  return { grid, max: Math.max(0, ...grid.flat()) };
};

/** 0…4: how dark a heat-map cell is drawn, by its share of the largest cell. */
export const heatLevel = (value: number, max: number): number =>
  value <= 0 || max <= 0 ? 0 : Math.min(4, Math.ceil((value / max) * 4));
