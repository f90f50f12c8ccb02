/**
 * What was read again of archives whose bytes are not held (see ExpandedPackage.hold), kept for the reads that
 * follow: the most recent first, at most `slots` of them and no more than `maxBytes` together (always the one
 * being read), each until `keepMs` pass without a read. A timer left running would keep alive what it was to
 * let go, so each is cleared when its archive is let go.
 */
export class RecentReads<T> {
  private readonly recent: { owner: object; size: number; value: Promise<T>; timer?: NodeJS.Timeout }[] = [];

  constructor(
    private readonly slots: number,
    private readonly maxBytes: number,
    private readonly keepMs = 15_000,
  ) {}

  /** What `owner` read last, or `load()`'s answer kept for it (a failed load is not kept: the next read tries again). */
  get(owner: object, size: number, load: () => Promise<T>): Promise<T> {
    const entry = this.recent.find((e) => e.owner === owner);
    if (!entry) {
      return this.put(owner, size, load());
    }
    this.arm(entry);
    return entry.value;
  }

  /** Keeps `value` as what `owner` read last, and gives it back. */
  put(owner: object, size: number, value: Promise<T>): Promise<T> {
    const entry: (typeof this.recent)[number] = { owner, size, value };
    this.recent.unshift(entry);
    let total = 0;
    const over = this.recent.findIndex((e, i) => (total += e.size) > this.maxBytes && i > 0);
    this.recent.splice(Math.min(this.slots, over < 0 ? this.slots : over)).forEach((e) => clearTimeout(e.timer));
    value.catch(() => this.forget(entry));
    this.arm(entry);
    return value;
  }

  /** Lets go of what `owner` read. */
  drop(owner: object): void {
    const entry = this.recent.find((e) => e.owner === owner);
    if (entry) {
      this.forget(entry);
    }
  }

  private arm(entry: (typeof this.recent)[number]): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.forget(entry), this.keepMs).unref();
  }

  private forget(entry: (typeof this.recent)[number]): void {
    clearTimeout(entry.timer);
    const at = this.recent.indexOf(entry);
    if (at >= 0) {
      this.recent.splice(at, 1);
    }
  }
}
