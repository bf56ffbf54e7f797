import { describe, expect, it } from '@jest/globals';
import {
  channelSeries,
  dayToSeconds,
  daysOf,
  heatGrid,
  heatLevel,
  memberSeries,
  posterSeries,
  rangeEnding,
} from './stats.js';

const range = { from: '2026-02-27', to: '2026-03-02' };

describe('stats as chart columns', () => {
  it('spans every day of a range, across a month end, both ends included', () => {
    expect(daysOf(range)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(rangeEnding(new Date('2026-12-07T23:59:00Z'), 7)).toEqual({
      from: '2026-12-01',
      to: '2026-12-07',
    });
    expect(dayToSeconds('2026-12-07')).toBe(Date.UTC(2026, 11, 7) / 1000);
  });

  it('leaves the member count empty where no roll-up exists and counts no joins there', () => {
    expect(memberSeries(range, [{ day: '2026-02-28', memberCount: 12, joined: 3, left: 1 }]).series).toEqual([
      { label: 'members', values: [null, 12, null, null] },
      { label: 'joined', values: [0, 3, 0, 0] },
      { label: 'left', values: [0, 1, 0, 0] },
    ]);
  });

  it('draws one series per channel by name, zero on quiet days', () => {
    const data = channelSeries(
      range,
      [
        { channelId: '0x02aab', day: '2026-03-01', messages: 5, uniquePosters: 2 },
        { channelId: '0x02aaa', day: '2026-02-27', messages: 7, uniquePosters: 1 },
        { channelId: '0x02aaa', day: '2026-03-02', messages: 1, uniquePosters: 1 },
      ],
      (chatId) => (chatId === '0x02aaa' ? 'general' : undefined),
    );
    expect(data.series).toEqual([
      { label: 'general', values: [7, 0, 0, 1] },
      { label: '0x02aab', values: [0, 0, 5, 0] },
    ]);
  });

  it('draws daily, weekly and monthly posters', () => {
    expect(posterSeries(range, [{ day: '2026-03-01', daily: 2, weekly: 4, monthly: 9 }]).series).toEqual([
      { label: 'daily', values: [0, 0, 2, 0] },
      { label: 'weekly', values: [0, 0, 4, 0] },
      { label: 'monthly', values: [0, 0, 9, 0] },
    ]);
  });

  it('fills the 7×24 heat map, ignoring cells outside it, and grades cells by the largest', () => {
    const { grid, max } = heatGrid([
      { weekday: 1, hour: 9, messages: 8 },
      { weekday: 6, hour: 23, messages: 2 },
      { weekday: 7, hour: 0, messages: 99 },
    ]);
    expect(grid).toHaveLength(7);
    expect(grid.every((row) => row.length === 24)).toBe(true);
    expect(grid[1]?.[9]).toBe(8);
    expect(grid[6]?.[23]).toBe(2);
    expect(max).toBe(8);
    expect([0, 1, 2, 8].map((value) => heatLevel(value, max))).toEqual([0, 1, 1, 4]);
    expect(heatLevel(3, 0)).toBe(0);
  });
});
