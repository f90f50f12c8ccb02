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

  it('says which part of an inventory of the wrong shape was not used, and uses the rest', () => {
    const problems = (v: unknown): string[] => parseInventory(JSON.stringify(v), 'inv.json').problems;
    assert.deepEqual(problems({ host: 'h', product: { name: 'dten', version: '4.3.1' }, packages: { a: '1' }, systemdUnits: ['a'], retiredHosts: [] }), []);
    assert.deepEqual(problems([]), ['inv.json: the inventory must be a JSON object with host, product, packages, systemdUnits, retiredHosts: nothing in it was used']);
    assert.deepEqual(problems({ product: { name: 'dten', version: 4.3 }, packages: [{ name: 'openssl', version: '3' }], retired_hosts: ['x'], systemdUnits: 'nginx', retiredHosts: ['a', 1] }), [
      'inv.json: "retired_hosts" is not a key of the inventory (host, product, packages, systemdUnits, retiredHosts): it was not used',
      'inv.json: "product" must be {"name": "…", "version": "…"}, both strings: the installed version of the product is not known',
      'inv.json: "packages" must be an object of package name to installed version: no package was read',
      'inv.json: "systemdUnits" must be a list of strings: it was not used',
      'inv.json: "retiredHosts" must be a list of strings: the entries that are not strings were not used',
    ]);
    const inv = parseInventory(JSON.stringify({ host: 7, product: { name: 'dten', version: '4.3.1' }, retiredHosts: ['old.example', 2] }));
    assert.equal(inv.product?.version, '4.3.1');
    assert.deepEqual([...inv.retiredHosts], ['old.example']);
    assert.deepEqual(inv.problems, ['inventory.json: "host" must be a string: it was not used', 'inventory.json: "retiredHosts" must be a list of strings: the entries that are not strings were not used']);
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
