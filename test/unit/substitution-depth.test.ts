import * as assert from 'node:assert/strict';
import { nestsDeeperThan } from '../../src/core/scripts/substitutionDepth';

/** `depth` levels of the shape `open … close` around `x`. */
const nest = (depth: number, open: string, close: string): string => `#!/bin/sh\necho ${open.repeat(depth)}x${close.repeat(depth)}\n`;

describe('substitution depth (what ShellCheck is spared)', () => {
  it('counts command substitutions nested in quotes and out of them, level by level', async () => {
    assert.equal(await nestsDeeperThan(nest(11, '"$(echo ', ')"'), 11), false);
    assert.equal(await nestsDeeperThan(nest(12, '"$(echo ', ')"'), 11), true);
    assert.equal(await nestsDeeperThan(nest(12, '$(echo ', ')'), 11), true);
    assert.equal(await nestsDeeperThan(nest(12, '<(cat ', ')'), 11), true);
  });

  it('is not fooled by a quoted parenthesis, a case pattern or a here-document inside each level', async () => {
    // A counter of "(" and ")" would close each level early on the quoted ")" or the pattern's ")".
    assert.equal(await nestsDeeperThan(nest(12, '$(echo ")" ', ')'), 11), true);
    assert.equal(await nestsDeeperThan(nest(12, '$(case $1 in a) echo ', ';; esac)'), 11), true);
    const heredoc = `#!/bin/sh\ncat <<EOF\nit's ${'$(echo '.repeat(12)}x${')'.repeat(12)}\nEOF\n`;
    assert.equal(await nestsDeeperThan(heredoc, 11), true);
  });

  it('counts backticks nested by escaping them, which the parser reads as text', async () => {
    let nested = 'x';
    for (let level = 1; level <= 12; level++) {
      nested = `\`echo ${nested.replace(/[\\`]/g, (c) => `\\${c}`)}\``;
      const script = `#!/bin/sh\necho ${nested}\n`;
      assert.equal(await nestsDeeperThan(script, 11), level > 11, `${level} levels`);
    }
  });

  it('leaves alone what bash does not run: comments and quoted here-documents', async () => {
    assert.equal(await nestsDeeperThan(`#!/bin/sh\n# ${'$(echo '.repeat(20)}\ntrue\n`, 11), false);
    assert.equal(await nestsDeeperThan(`#!/bin/sh\ncat <<'EOF'\n${'$(echo '.repeat(20)}x${')'.repeat(20)}\nEOF\n`, 11), false);
  });

  it('finds real scripts shallow, however many substitutions they hold', async () => {
    const flat = `#!/bin/sh\n${Array.from({ length: 50 }, (_, i) => `v${i}=$(date +%s)`).join('\n')}\necho "$(basename "$(pwd)")"\n`;
    assert.equal(await nestsDeeperThan(flat, 11), false);
    assert.equal(await nestsDeeperThan(flat, 1), true);
  });
});
