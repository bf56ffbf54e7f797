/** A member or community key, shortened for the eye with the whole key in its title and for copying. */
export const Key = ({ value }: { value: string }) => (
  <code className="key" title={value} data-key={value}>
    {value.length > 18 ? `${value.slice(0, 10)}…${value.slice(-6)}` : value}
  </code>
);

export const Time = ({ value }: { value: string | null | undefined }) =>
  value ? <time dateTime={value}>{new Date(value).toLocaleString()}</time> : <span>—</span>;
