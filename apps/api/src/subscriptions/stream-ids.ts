/** Orders two Redis Stream ids (`<ms>-<seq>`): negative, zero or positive as `a` is before, equal to or after `b`. */
export const compareStreamIds = (a: string, b: string): number => {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs === bMs ? aSeq - bSeq : aMs - bMs;
};
