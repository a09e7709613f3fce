/**
 * Runs tasks of one key one after another (in this process). Commands that touch one item from two streams
 * (e.g. a province sending an evaluation back while adding it to a batch) could otherwise interleave; the
 * streams' expected versions still guard everything else.
 */
export class KeyedSerialiser {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
