// @waku/sdk 0.0.36 and its libp2p call Promise.withResolvers (ES2024, Node 22); on Node 20 `stop()` throws
// without it. Production images run Node 22, where this changes nothing. Imported first by index.ts.
interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

const promiseConstructor = Promise as PromiseConstructor & {
  withResolvers?: <T>() => Resolvers<T>;
};

promiseConstructor.withResolvers ??= <T>(): Resolvers<T> => {
  let resolve!: Resolvers<T>['resolve'];
  let reject!: Resolvers<T>['reject'];
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
