/**
 * Runs tasks of one key one after another (in this process). Province commands that touch one item from two
 * streams (send back vs. add to batch) could otherwise race (domain README, "Known limits"); one assessment
 * process per deployment makes this sufficient, and the streams' expected versions still guard the rest.
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
