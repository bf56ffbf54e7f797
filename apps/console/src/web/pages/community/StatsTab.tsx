import { Suspense, useEffect, useMemo, useState } from 'react';
import { STATS } from '../../api/documents.js';
import { Loading } from '../../components/Loading.js';
import { onDemand } from '../../components/on-demand.js';
import { Problems } from '../../components/Problems.js';
import { RowsTable } from '../../components/RowsTable.js';
import type { ChannelDayCount, HeatMapCell, MemberCountPoint, PostersPoint } from '../../lib/stats.js';
import {
  channelSeries,
  heatGrid,
  heatLevel,
  memberSeries,
  posterSeries,
  rangeEnding,
} from '../../lib/stats.js';
import { useLoad } from '../../session.js';
import type { ChannelDetail } from './community-detail.js';

// uPlot is the console's largest library and only this tab draws with it: its chunk is fetched when the tab
// opens, beside the tab's query, so neither waits for the other.
const chart = onDemand(async () => (await import('../../components/Chart.js')).DayChart);
const DayChart = chart.Component;

interface Stats {
  readonly range: { readonly from: string; readonly to: string };
  readonly totalMessages: number;
  readonly privateMessages: number;
  readonly membersOverTime: readonly MemberCountPoint[];
  readonly messagesPerChannelPerDay: readonly ChannelDayCount[];
  readonly uniquePosters: readonly PostersPoint[];
  readonly heatMap: readonly HeatMapCell[];
  readonly retention: readonly { cohortDay: string; joined: number; posted7d: number; posted30d: number }[];
}

const RANGES = [7, 30, 90, 365] as const;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * The indexer's roll-ups as charts over a chosen range, each with its numbers in a table. The query leaves
 * at once; the charts show once the community's `channels` have come too, to name the messages' series.
 */
export const StatsTab = ({
  communityId,
  channels,
}: {
  communityId: string;
  channels: readonly ChannelDetail[] | undefined;
}) => {
  const [days, setDays] = useState<number>(30);
  const range = useMemo(() => rangeEnding(new Date(), days), [days]);
  const stats = useLoad(
    async (client) =>
      (await client.request<{ stats: Stats | null }>(STATS, { id: communityId, range })).stats,
    [communityId, range.from, range.to],
  );
  useEffect(() => void chart.load(), []);
  const nameOf = (chatId: string) => channels?.find((channel) => channel.chatId === chatId)?.name;
  const data = channels ? stats.data : undefined;
  return (
    <section aria-labelledby="stats-title">
      <h2 id="stats-title">Analytics</h2>
      <div className="toolbar">
        <label>
          Range
          <select value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {RANGES.map((value) => (
              <option key={value} value={value}>
                last {value} days
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={stats.reload} disabled={stats.loading}>
          Refresh
        </button>
      </div>
      <Problems problems={stats.problems} />
      {data ? (
        <>
          <p>
            <span data-total-messages>{data.totalMessages}</span> messages in the range (
            {data.privateMessages} in members-only channels).
          </p>
          <Suspense fallback={<Loading what="the charts" />}>
            <div className="charts">
              <DayChart
                id="members"
                title="Members over time"
                data={memberSeries(range, data.membersOverTime)}
              />
              <DayChart
                id="messages"
                title="Messages per channel per day"
                data={channelSeries(range, data.messagesPerChannelPerDay, nameOf)}
              />
              <DayChart
                id="posters"
                title="Daily, weekly and monthly posters"
                data={posterSeries(range, data.uniquePosters)}
              />
            </div>
          </Suspense>
          <HeatMap cells={data.heatMap} />
          <h3>Retention by cohort</h3>
          <RowsTable
            columns={['Joined on', 'Joined', 'Posted within 7 days', 'Posted within 30 days']}
            data-retention
          >
            {data.retention.map((cohort) => (
              <tr key={cohort.cohortDay}>
                <th scope="row">{cohort.cohortDay}</th>
                <td>{cohort.joined}</td>
                <td>{cohort.posted7d}</td>
                <td>{cohort.posted30d}</td>
              </tr>
            ))}
          </RowsTable>
        </>
      ) : null}
    </section>
  );
};

const HeatMap = ({ cells }: { cells: readonly HeatMapCell[] }) => {
  const { grid, max } = heatGrid(cells);
  return (
    <figure className="heatmap">
      <figcaption>Messages by weekday and hour (UTC)</figcaption>
      <table data-heatmap>
        <thead>
          <tr>
            <td />
            {Array.from({ length: 24 }, (_, hour) => (
              <th scope="col" key={hour}>
                {hour}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.map((row, weekday) => (
            <tr key={weekday}>
              <th scope="row">{WEEKDAYS[weekday]}</th>
              {row.map((value, hour) => (
                <td
                  key={hour}
                  className={`heat-${heatLevel(value, max)}`}
                  data-weekday={weekday}
                  data-hour={hour}
                  title={`${WEEKDAYS[weekday]} ${hour}:00 — ${value} messages`}
                >
                  {value > 0 ? value : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
};
