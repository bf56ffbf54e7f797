import { lazy, useState } from 'react';
import type { ComponentType } from 'react';

export interface OnDemand<P extends object> {
  /** Renders the component, suspending (for the nearest Suspense) while its code is fetched. */
  readonly Component: ComponentType<P>;
  /** Fetches the code now, so that it is here when the component first renders. */
  load(): Promise<ComponentType<P>>;
}

/**
 * A component whose code is a chunk of its own. Once fetched it renders at once, not through React.lazy: a
 * lazy component shows its Suspense fallback first, even for code already here, and React holds back the
 * content that replaces a fallback for up to 300 ms (against flicker) — and the component's queries with it.
 */
export const onDemand = <P extends object>(fetchCode: () => Promise<ComponentType<P>>): OnDemand<P> => {
  let fetched: ComponentType<P> | undefined;
  const load = async () => (fetched = await fetchCode());
  const Lazy = lazy(async () => ({ default: await load() }));
  const Component = (props: P) => {
    // Chosen once per mount: the element type never changes under a mounted page, so it keeps its state.
    const [Fetched] = useState(() => fetched);
    return Fetched ? <Fetched {...props} /> : <Lazy {...props} />;
  };
  return { Component, load };
};
