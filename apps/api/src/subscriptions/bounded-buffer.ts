/**
 * A FIFO of at most `capacity` items between a producer that must never wait (the stream tail) and one slow
 * reader. Going past the capacity drops everything and marks the buffer overflowed: the reader is told to
 * stop instead of the process holding an unbounded backlog for it.
 */
export class BoundedBuffer<T> {
  #items: T[] = [];
  #head = 0;
  #wake: (() => void) | undefined;
  #overflowed = false;
  #closed = false;

  constructor(readonly capacity: number) {}

  get overflowed(): boolean {
    return this.#overflowed;
  }

  get size(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    if (this.#overflowed || this.#closed) return;
    if (this.size >= this.capacity) {
      this.#overflowed = true;
      this.#items = [];
      this.#head = 0;
    } else {
      this.#items.push(item);
    }
    this.#signal();
  }

  /** The reader is gone: drops what is held and ends `next`. */
  close(): void {
    this.#closed = true;
    this.#items = [];
    this.#head = 0;
    this.#signal();
  }

  /** The next item, waiting for one; `undefined` once the buffer overflowed or was closed. */
  async next(): Promise<T | undefined> {
    for (;;) {
      if (this.#overflowed) return undefined;
      if (this.size > 0) return this.#shift();
      if (this.#closed) return undefined;
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  #shift(): T {
    const item = this.#items[this.#head] as T;
    this.#head += 1;
    // Compacts now and then, so reading stays O(1) per item without the array growing forever.
    if (this.#head > 1_024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  #signal(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
