/** What a page shows while its code or data is on the way, announced to a screen reader as a status. */
export const Loading = ({ what }: { what: string }) => (
  <p role="status" className="muted" data-loading>
    Loading {what}…
  </p>
);
