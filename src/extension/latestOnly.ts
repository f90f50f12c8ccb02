/**
 * Runs work for a key one run at a time; calls that arrive meanwhile fold into one more run, which reads the
 * latest state itself. As-you-type work never piles up behind the typing.
 */
export class LatestOnly {
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();

  async run(key: string, work: () => Promise<void>): Promise<void> {
    if (this.running.has(key)) {
      this.again.add(key);
      return;
    }
    this.running.add(key);
    try {
      do {
        this.again.delete(key);
        await work();
      } while (this.again.has(key));
    } finally {
      this.running.delete(key);
    }
  }
}
