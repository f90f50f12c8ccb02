import * as assert from 'node:assert/strict';
import { LatestOnly } from '../../src/extension/latestOnly';

describe('as-you-type work (LatestOnly)', () => {
  it('folds the calls made during a run into one more run, on the latest state', async () => {
    const latest = new LatestOnly();
    const seen: number[] = [];
    let state = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const work = async (): Promise<void> => {
      seen.push(state);
      if (seen.length === 1) {
        await gate; // a slow first run, while the user keeps typing
      }
    };
    const first = latest.run('script.sh', work);
    for (state = 1; state <= 5; state++) {
      void latest.run('script.sh', work);
    }
    state = 5;
    await latest.run('other.sh', work); // another key is not held up
    release();
    await first;
    assert.deepEqual(seen, [0, 5, 5]);
  });
});
