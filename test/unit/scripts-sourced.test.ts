import * as assert from 'node:assert/strict';
import { buildVariant, review } from '../helpers/example';

const at = new Date('2026-10-30');
const file = (text: string): { data: Buffer; date: Date; mode: number } => ({ data: Buffer.from(text), date: at, mode: 0o755 });

/** A package whose scripts share a library, as installers do: what the library sets applies where it is sourced. */
describe('script rules follow the package scripts a script sources', () => {
  it('sees helpers, wrapper variables and set -e from a sourced library of the package, and nothing from one it does not source', async () => {
    const built = await buildVariant({
      mutate: (files) => {
        files.set('scripts/lib/common.sh', file('# shared by the upgrade scripts\nSUDO=sudo\nrun_root() {\n  sudo "$@"\n}\nstrict_errors() {\n  set -Eeuo pipefail\n}\n'));
        files.set('scripts/migrate.sh', file('#!/bin/bash\n. "$(dirname "$0")/lib/common.sh"\nstrict_errors\nrun_root systemctl stop dten-agent\n$SUDO install -d /var/lib/dten/archive\n'));
        files.set('scripts/standalone.sh', file('#!/bin/bash\nrun_root systemctl stop dten-agent\n$SUDO install -d /var/lib/dten/archive\n'));
      },
    });
    const result = await review(built.zipPath);
    const of = (path: string): string[] => result.findings.filter((f) => f.file === path && f.rule.startsWith('script/')).map((f) => `${f.rule} ${f.range.start.line + 1}: ${f.message}`);
    const migrate = of('scripts/migrate.sh');
    assert.ok(migrate.some((m) => /^script\/sudo 4: systemctl runs through sudo \(inside run_root, from scripts\/lib\/common\.sh\)/.test(m)), migrate.join('\n'));
    assert.ok(migrate.some((m) => /^script\/sudo 5: install runs through sudo \(held in \$SUDO\)/.test(m)), migrate.join('\n'));
    assert.ok(!migrate.some((m) => m.startsWith('script/no-errexit')), migrate.join('\n'));
    // The same lines without the library: nothing says what run_root or $SUDO is, and errexit is off.
    const standalone = of('scripts/standalone.sh');
    assert.deepEqual(standalone.filter((m) => m.startsWith('script/sudo')), []);
    assert.ok(standalone.some((m) => m.startsWith('script/no-errexit')), standalone.join('\n'));
  });
});
