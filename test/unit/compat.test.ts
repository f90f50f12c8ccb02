import * as assert from 'node:assert/strict';
import { buildMatrix } from '../../src/core/compat/matrix';
import { parseInventory, parsePackageList } from '../../src/core/compat/inventory';
import { normaliseVersion } from '../../src/core/compat/versions';
import { Manifest } from '../../src/core/manifest/model';

function manifest(extra: Record<string, unknown>): Manifest {
  return new Manifest(Buffer.from(JSON.stringify({ schemaVersion: 1, name: 'dten', version: '5.0.2', files: [], upgradePaths: [{ from: '>=4.2.0 <4.4.0' }], ...extra }, null, 2)));
}

describe('compatibility', () => {
  it('normalises distribution versions to comparable semver', () => {
    assert.equal(normaliseVersion('3.0.11-1~deb12u2'), '3.0.11');
    assert.equal(normaliseVersion('1:2.38.1-5+deb12u1'), '2.38.1');
    assert.equal(normaliseVersion('15.4'), '15.4.0');
    assert.equal(normaliseVersion('3.9.2-3'), '3.9.2');
    assert.equal(normaliseVersion('2.34-100.el9_4.2'), '2.34.0');
    assert.equal(normaliseVersion('4.3.1'), '4.3.1');
    assert.equal(normaliseVersion('unknown'), undefined);
  });

  it('imports dpkg-query -W and rpm -qa output', () => {
    assert.deepEqual(parsePackageList('openssl\t3.0.11-1~deb12u2\nlibc6:amd64\t2.36-9+deb12u4\nrc-only\t\n'), { openssl: '3.0.11-1~deb12u2', libc6: '2.36-9+deb12u4' });
    assert.deepEqual(parsePackageList('openssl 3.0.7\npostgresql15-server 15.4\n'), { openssl: '3.0.7', 'postgresql15-server': '15.4' });
  });

  it('gives each dependency its status and keeps the original version for display', () => {
    const inv = parseInventory(JSON.stringify({ host: 'h', product: { name: 'dten', version: '4.3.1' }, packages: { a: '1.2.3-1', b: '2.0.0', c: '7.1' } }));
    const m = buildMatrix(manifest({ dependencies: { a: '^1.2', b: '<2', c: '>=7', d: '^1' } }), inv);
    assert.deepEqual(m.rows.map((r) => [r.name, r.status, r.installed]), [
      ['a', 'ok', '1.2.3-1'],
      ['b', 'unsatisfied', '2.0.0'],
      ['c', 'loose-range', '7.1'],
      ['d', 'not-installed', null],
    ]);
  });

  it('finds the upgrade path, a missing one, and a downgrade', () => {
    const at = (v: string): string => buildMatrix(manifest({}), parseInventory(JSON.stringify({ product: { name: 'dten', version: v } }))).product.status;
    assert.equal(at('4.3.1'), 'ok');
    assert.equal(at('4.1.0'), 'no-upgrade-path');
    assert.equal(at('5.1.0'), 'downgrade');
    assert.equal(at('5.0.2'), 'same-version');
  });
});
