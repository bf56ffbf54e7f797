import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DaySeries } from '../lib/stats.js';
import { dayToSeconds } from '../lib/stats.js';

const COLORS = ['#4360df', '#d1495b', '#2a9d8f', '#e9a03b', '#7b5ea7', '#3d7ea6'];

/**
 * A uPlot line chart of one DaySeries, with the same numbers in a table under it: the table is what a screen
 * reader (and a test) reads, the canvas what the eye does.
 */
export const DayChart = ({ title, data, id }: { title: string; data: DaySeries; id: string }) => {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const width = Math.max(280, Math.min(900, element.clientWidth || 600));
    const plot = new uPlot(
      {
        width,
        height: 220,
        series: [
          {},
          ...data.series.map((series, index) => ({
            label: series.label,
            stroke: COLORS[index % COLORS.length] as string,
            width: 2,
            spanGaps: false,
          })),
        ],
        axes: [{}, {}],
        scales: { x: { time: true } },
      },
      [data.days.map(dayToSeconds), ...data.series.map((series) => [...series.values])] as uPlot.AlignedData,
      element,
    );
    return () => plot.destroy();
  }, [data]);
  return (
    <figure className="chart" data-chart={id}>
      <figcaption>{title}</figcaption>
      <div ref={holder} className="chart-canvas" aria-hidden="true" />
      <details>
        <summary>Data of “{title}”</summary>
        <table data-chart-table={id}>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {data.series.map((series) => (
                <th scope="col" key={series.label}>
                  {series.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.days.map((day, row) => (
              <tr key={day}>
                <th scope="row">{day}</th>
                {data.series.map((series) => (
                  <td key={series.label} data-series={series.label} data-day={day}>
                    {series.values[row] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
};
