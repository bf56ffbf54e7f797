/**
 * The serialised payload of each (event, payload shape): made by the first subscriber that sends the event
 * and reused by every other, so an event costs one execution and one JSON.stringify per shape instead of
 * one per subscriber. Kept only as long as the event object is (the stream tail hands the same object to
 * every subscriber; their buffers drop it once sent).
 */
export class SharedPayloads {
  readonly #byEvent = new WeakMap<object, Map<string, string | Promise<string>>>();

  payloadOf(event: object, shape: string, render: () => string | Promise<string>): string | Promise<string> {
    let shapes = this.#byEvent.get(event);
    if (shapes === undefined) {
      shapes = new Map();
      this.#byEvent.set(event, shapes);
    }
    let payload = shapes.get(shape);
    if (payload === undefined) {
      payload = render();
      shapes.set(shape, payload);
    }
    return payload;
  }
}
