/**
 * Loads keys asked for in the same tick with one call (one query for the reactions of a whole page of
 * messages instead of one per message). Scoped to one request: results are cached for its lifetime only.
 */
export const createBatchLoader = <V>(load: (keys: string[]) => Promise<Map<string, V>>, missing: V) => {
  const cache = new Map<string, Promise<V>>();
  let pending: { key: string; resolve: (value: V) => void; reject: (error: unknown) => void }[] = [];

  const flush = () => {
    const batch = pending;
    pending = [];
    load([...new Set(batch.map((item) => item.key))]).then(
      (values) => {
        for (const item of batch) item.resolve(values.get(item.key) ?? missing);
      },
      (error: unknown) => {
        for (const item of batch) item.reject(error);
      },
    );
  };

  return (key: string): Promise<V> => {
    const cached = cache.get(key);
    if (cached) return cached;
    const promise = new Promise<V>((resolve, reject) => {
      if (pending.length === 0) queueMicrotask(flush);
      pending.push({ key, resolve, reject });
    });
    cache.set(key, promise);
    return promise;
  };
};

/** One loader per request (context object) and name. */
export const requestLoader = <V>(
  context: object,
  name: string,
  create: () => (key: string) => Promise<V>,
): ((key: string) => Promise<V>) => {
  let loaders = perRequest.get(context);
  if (!loaders) perRequest.set(context, (loaders = new Map()));
  let loader = loaders.get(name) as ((key: string) => Promise<V>) | undefined;
  if (!loader) loaders.set(name, (loader = create()));
  return loader;
};

const perRequest = new WeakMap<object, Map<string, unknown>>();
