import * as assert from 'node:assert/strict';
import { HANDOFF_MS, takeHandoff } from '../../src/extension/handoff';

describe('the open packages handed across the reload of Add Package to Workspace', () => {
  const now = 1_800_000_000_000;
  const packages = ['file:///srv/pkgs/a.zip', 'file:///srv/pkgs/b%20c.zip'];

  it('reopens what the window before left moments ago', () => {
    assert.deepEqual(takeHandoff({ packages, at: now - 5_000 }, now), packages);
  });

  it('ignores a handoff left too long ago (another window, another day), from the future, or malformed', () => {
    assert.deepEqual(takeHandoff({ packages, at: now - HANDOFF_MS - 1 }, now), []);
    assert.deepEqual(takeHandoff({ packages, at: now + 60_000 }, now), []);
    for (const bad of [undefined, null, 'x', { packages }, { at: now }, { packages: 'a.zip', at: now }]) {
      assert.deepEqual(takeHandoff(bad, now), [], JSON.stringify(bad));
    }
    assert.deepEqual(takeHandoff({ packages: [packages[0], 7, null], at: now }, now), [packages[0]]);
  });
});
