/**
 * A FIFO of at most `capacity` items between a producer that must never wait (the stream tail) and one slow
 * reader. Going past the capacity drops everything and marks the buffer overflowed: the reader is told to
 * stop instead of the process holding an unbounded backlog for it. Synchronous: the reader is woken by its
 * feed, and a caught-up reader takes each item in the same tick it was pushed.
 */
export class BoundedBuffer<T> {
  #items: T[] = [];
  #head = 0;
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
      this.#clear();
    } else {
      this.#items.push(item);
    }
  }

  /** The reader is gone: drops what is held and takes nothing more. */
  close(): void {
    this.#closed = true;
    this.#clear();
  }

  /** The oldest item, or `undefined` when there is none (or the buffer overflowed or was closed). */
  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.#items[this.#head] as T;
    this.#head += 1;
    // A caught-up reader empties the buffer at every item: starting over then keeps the array small.
    if (this.#head === this.#items.length) {
      this.#items.length = 0;
      this.#head = 0;
    }
    // Compacts a long-lagging reader's array now and then, so reading stays O(1) per item.
    else if (this.#head > 1_024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  #clear(): void {
    this.#items = [];
    this.#head = 0;
  }
}
