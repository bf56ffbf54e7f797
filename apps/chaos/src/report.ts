// The suite's output: one line per fault, then a summary; pure.
import type { FaultResult } from './window.js';

const COLUMNS = [
  { title: 'fault', width: 46 },
  { title: 'sent', width: 6 },
  { title: 'indexed', width: 8 },
  { title: 'duplicated', width: 11 },
  { title: 'lost', width: 6 },
  { title: 'ready (s)', width: 10 },
] as const;

const row = (cells: readonly string[], note: string): string =>
  [
    ...cells.map((cell, index) => {
      const width = COLUMNS[index]?.width ?? 0;
      return index === 0 ? cell.padEnd(width) : cell.padStart(width);
    }),
    note === '' ? '' : `  ${note}`,
  ]
    .join(' ')
    .trimEnd();

export const header = (): string =>
  row(
    COLUMNS.map((column) => column.title),
    'note',
  );

export const formatResult = ({ fault, tally, readySeconds, note }: FaultResult): string =>
  row(
    [
      fault,
      String(tally.sent),
      String(tally.indexed),
      String(tally.duplicated),
      String(tally.lost),
      readySeconds.toFixed(1),
    ],
    note,
  );

/** Why a fault's line fails: lost or duplicated posts, and any other problem it found. */
export const failuresOf = (result: FaultResult): string[] => [
  ...(result.tally.lost > 0 ? [`${result.tally.lost} lost`] : []),
  ...(result.tally.duplicated > 0 ? [`${result.tally.duplicated} duplicated`] : []),
  ...result.problems,
];

/** The summary's lines and whether the suite passed. */
export const summarize = (results: readonly FaultResult[]): { lines: string[]; passed: boolean } => {
  const failed = results.filter((result) => failuresOf(result).length > 0);
  const sent = results.reduce((sum, result) => sum + result.tally.sent, 0);
  const indexed = results.reduce((sum, result) => sum + result.tally.indexed, 0);
  return {
    passed: failed.length === 0,
    lines: [
      `${results.length} faults, ${sent} posts sent, ${indexed} indexed: ` +
        (failed.length === 0 ? 'every fault lost 0 and duplicated 0' : `${failed.length} failed`),
      ...failed.map((result) => `FAILED ${result.fault}: ${failuresOf(result).join('; ')}`),
    ],
  };
};
