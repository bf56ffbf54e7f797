import { useCallback, useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `delayMs` (a search box asks the API once per pause in typing, not
 * per key), and `settle` to take it at once (Enter).
 */
export const useDebounced = <T>(value: T, delayMs: number): [T, () => void] => {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  const settle = useCallback(() => setSettled(value), [value]);
  return [settled, settle];
};
