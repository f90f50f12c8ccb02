import * as assert from 'node:assert/strict';
import { ZipPackage } from '../../src/core/package/source';
import { emptyWorkspace, reviewPackage } from '../../src/core/review';
import { defaultSettings } from '../../src/core/settings';
import { ZipArchive } from '../../src/core/zip';
import { rawZip } from '../helpers/rawZip';

describe('scripts too long to model', () => {
  it('names a script with more statements than the limit instead of parsing it, and reviews the others', async () => {
    const settings = defaultSettings({ shellcheck: { enabled: false, path: '' } });
    settings.limits.maxScriptStatements = 6;
    const rm = 'rm -rf "$STAGE/"';
    const zip = rawZip([
      { name: 'manifest.json', data: Buffer.from('{"schemaVersion":1,"product":"p","version":"1.0.0","files":[]}') },
      // 8 separators: three newlines, two semicolons and three & (`&&` counts two)
      { name: 'long.sh', data: Buffer.from(`#!/bin/sh\ntrue; true; true\n${rm} && true &\n`) },
      { name: 'short.sh', data: Buffer.from(`#!/bin/sh\nset -e\n${rm}\n`) },
    ]);
    const result = await reviewPackage(new ZipPackage(await ZipArchive.fromBuffer(zip), 'p.zip'), emptyWorkspace(), settings);
    const scripts = result.findings.filter((f) => f.rule.startsWith('script/')).map((f) => `${f.file} ${f.rule} ${f.message}`);
    assert.deepEqual(scripts.sort(), [
      'long.sh script/unparsed long.sh holds more than 6 statements (its lines and ; and & separators): it was not parsed, so no script rule saw it; read it by hand',
      'short.sh script/unsafe-rm rm -r: if $STAGE is empty, $STAGE/ becomes / and rm works from the root',
    ]);
  });
});

describe('scripts the archive pass refused', () => {
  it('does not inflate a script that is a compression bomb to parse it', async () => {
    const settings = defaultSettings({ shellcheck: { enabled: false, path: '' } });
    const zip = rawZip([
      { name: 'manifest.json', data: Buffer.from('{"schemaVersion":1,"product":"p","version":"1.0.0","files":[]}') },
      { name: 'install.sh', data: Buffer.from(`#!/bin/sh\n${'true\n'.repeat(400_000)}`), deflate: true },
    ]);
    const result = await reviewPackage(new ZipPackage(await ZipArchive.fromBuffer(zip), 'p.zip'), emptyWorkspace(), settings);
    const about = result.findings.filter((f) => f.file === 'install.sh').map((f) => f.rule);
    assert.deepEqual(about.sort(), ['zip/compression-bomb', 'zip/unlisted-file']);
  });
});
