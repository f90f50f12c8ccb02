import * as assert from 'node:assert/strict';
import { configDrift } from '../../src/core/config/drift';
import { fixConfigDrift } from '../../src/core/config/fixAll';
import { parseMatrix } from '../../src/core/config/matrix';
import { parseLedger } from '../../src/core/ledger';

const MATRIX = parseMatrix(
  JSON.stringify({
    product: 'dten',
    keys: [
      { key: 'dten.hybrid.legacyMode', deprecatedIn: '4.2.0', removedIn: '5.0.0', replacedBy: 'dten.hybrid.enable', valueMap: { true: false, false: true } },
      { key: 'dten.hybrid.enable', requiredFrom: '5.0.0', value: true },
      { key: 'dten.collector.interval', deprecatedIn: '4.5.0', removedIn: '6.0.0', replacedBy: 'dten.agent.pollInterval' },
      { key: 'dten.sftp.host', deprecatedIn: '4.0.0', removedIn: '5.0.0' },
    ],
  }),
  'deprecations.json',
);
const inputs = { matrix: MATRIX, target: '5.0.2', product: 'dten' };

function findings(path: string, text: string): string[] {
  return configDrift([{ path, text }], MATRIX, '5.0.2', 'dten').map((f) => `${f.rule}@${f.range.start.line + 1}:${f.range.start.character + 1}`);
}

function fixed(path: string, text: string): string {
  return fixConfigDrift([{ path, text }], inputs).texts.get(path) ?? text;
}

/** Before/after for every format, flat and nested: findings at the key, fixes that keep comments. */
const CASES: { name: string; path: string; before: string; found: string[]; after: string }[] = [
  {
    name: 'properties (flat)',
    path: 'agent.properties',
    before: '# agent\ndten.agent.name=edge\ndten.hybrid.legacyMode = false\n# keep\ndten.collector.interval=30\ndten.sftp.host=old\n',
    found: ['config/removed-key@3:1', 'config/deprecated-key@5:1', 'config/removed-key@6:1', 'config/required-key@3:1'],
    after: '# agent\ndten.agent.name=edge\ndten.hybrid.enable = true\n# keep\ndten.agent.pollInterval=30\n',
  },
  {
    name: '.env with export and a missing required key',
    path: '.env',
    before: '# env for dten\nexport dten.agent.name=edge   # host\n',
    found: ['config/required-key@2:8'],
    after: '# env for dten\nexport dten.agent.name=edge   # host\ndten.hybrid.enable=true\n',
  },
  {
    name: 'INI sections (nested)',
    path: 'dten.ini',
    before: '; dten\n[dten.hybrid]\nlegacyMode = true ; old switch\n[dten.limits]\nsessions = 10\n',
    found: ['config/removed-key@3:1', 'config/required-key@3:1'],
    after: '; dten\n[dten.hybrid]\nenable = true ; old switch\n[dten.limits]\nsessions = 10\n',
  },
  {
    name: 'JSON with flat dotted keys',
    path: 'dten.json',
    before: '{\n  "dten.hybrid.enable": "off",\n  "dten.agent.name": "edge"\n}\n',
    found: ['config/required-key@2:3'],
    after: '{\n  "dten.hybrid.enable": true,\n  "dten.agent.name": "edge"\n}\n',
  },
  {
    name: 'JSONC nested objects with comments',
    path: 'settings.jsonc',
    before: '{\n  // dten settings\n  "dten": {\n    "hybrid": { "legacyMode": false },\n    "sftp": { "host": "old" } // retired\n  }\n}\n',
    found: ['config/removed-key@4:17', 'config/removed-key@5:15', 'config/required-key@4:17'],
    after: '{\n  // dten settings\n  "dten": {\n    "hybrid": { "enable": true },\n    "sftp": {} // retired\n  }\n}\n',
  },
  {
    name: 'YAML nested maps with comments',
    path: 'dten.yaml',
    before: '# dten\ndten:\n  collector:\n    interval: 30 # seconds\n  hybrid:\n    enable: "false"\n',
    found: ['config/deprecated-key@4:5', 'config/required-key@6:5'],
    after: '# dten\ndten:\n  collector:\n  hybrid:\n    enable: "true"\n  agent:\n    pollInterval: 30\n',
  },
  {
    name: 'YAML flat keys and a missing required key',
    path: 'flat.yml',
    before: 'dten.agent.name: edge # node\n',
    found: ['config/required-key@1:1'],
    after: 'dten.agent.name: edge # node\ndten.hybrid.enable: true\n',
  },
];

describe('config drift: every format, flat and nested', () => {
  for (const c of CASES) {
    it(`${c.name}: findings at the key`, () => {
      assert.deepEqual(findings(c.path, c.before), c.found);
    });
    it(`${c.name}: fixes leave it clean, comments intact`, () => {
      const after = fixed(c.path, c.before);
      assert.equal(after, c.after);
      assert.deepEqual(findings(c.path, after), []);
    });
  }

  it('never reads keys from comments, nor counts a file without product keys', () => {
    assert.deepEqual(findings('a.properties', '# dten.hybrid.legacyMode=true\nother.key=1\n'), []);
    assert.deepEqual(findings('package.json', '{ "description": "dten.hybrid.legacyMode" }\n'), []);
  });

  it('finds a key whose product name is spelled with escapes, though the name is not written in the file', () => {
    // Files without the product's name are not read into keys; an escape can still spell it.
    assert.deepEqual(findings('agent.json', '{ "\\u0064ten": { "sftp": { "host": "a" } } }\n'), ['config/removed-key@1:28', 'config/required-key@1:28']);
    assert.deepEqual(findings('agent.yaml', '"\\x64ten.sftp.host": a\n'), ['config/removed-key@1:1', 'config/required-key@1:1']);
    assert.deepEqual(findings('agent.yaml', 'other: 1\n? "d\\\n  ten.sftp.host"\n: a\n'), ['config/removed-key@2:3', 'config/required-key@2:3']);
    assert.deepEqual(findings('package-lock.json', '{ "packages": { "node_modules/x": { "version": "1.0.0" } } }\n'), []);
  });

  it('says which entries of a deprecation matrix or a ledger say nothing, rather than ignoring them', () => {
    const matrix = parseMatrix(JSON.stringify({ product: 'dten', keys: [{ key: 'dten.sftp.host', removedin: '5.0.0' }, { key: 'dten.a', removedIn: '5.0.0', note: 'gone' }] }), 'd.json');
    assert.deepEqual(matrix.problems, [
      'd.json: keys[0] (dten.sftp.host) has "removedin", not a field of an entry (key, deprecatedIn, removedIn, requiredFrom, replacedBy, valueMap, value, note): ignored',
      'd.json: keys[0] (dten.sftp.host) has none of deprecatedIn, removedIn, requiredFrom: it says nothing about the key',
    ]);
    assert.deepEqual(parseLedger(JSON.stringify({ accepted: { rule: 'zip/unlisted-file', file: 'a', reason: 'b' } })).problems, [
      '.upgrade-inspector/review.json: "accepted" must be a list of {"rule", "file", "reason"}: nothing in it was accepted',
    ]);
    assert.deepEqual(parseLedger(JSON.stringify({ accepted: [] })).problems, []);
    // A package's own matrix may be built to flood the notes: its first problems, then a count.
    const flood = parseMatrix(JSON.stringify({ keys: Array.from({ length: 1000 }, (_, i) => ({ key: `dten.k${i}` })) }), 'config/deprecations.json').problems;
    assert.equal(flood.length, 21);
    assert.equal(flood[20], 'config/deprecations.json: 980 more problems like these');
  });

  it('compares values by meaning: on, yes, "true" and true are all true', () => {
    for (const v of ['on', 'yes', 'true', 'TRUE']) {
      assert.deepEqual(findings('x.properties', `dten.hybrid.enable=${v}\n`), [], v);
    }
    assert.deepEqual(findings('x.yaml', 'dten:\n  hybrid:\n    enable: true\n'), []);
  });

  it('judges keys against the target version', () => {
    const early = configDrift([{ path: 'a.properties', text: 'dten.hybrid.legacyMode=true\n' }], MATRIX, '4.3.0', 'dten');
    assert.deepEqual(early.map((f) => f.rule), ['config/deprecated-key']);
  });
});

describe('Fix Config Drift makes only the changes left ticked', () => {
  it('keeps a key whose removal the user unticked, and makes the others', () => {
    const text = 'dten.collector.interval=30\ndten.sftp.host=old\n';
    const all = fixConfigDrift([{ path: 'a.properties', text }], inputs);
    const titles = all.changes.map((c) => c.title);
    const removal = titles.find((t) => /dten\.sftp\.host/.test(t))!;
    assert.ok(removal, titles.join(' | '));
    const some = fixConfigDrift([{ path: 'a.properties', text }], inputs, (c) => c.title !== removal);
    const after = some.texts.get('a.properties')!;
    assert.match(after, /^dten\.sftp\.host=old$/m);
    assert.match(after, /^dten\.agent\.pollInterval=30$/m);
    assert.ok(!some.changes.some((c) => c.title === removal));
  });
});

describe('the preferred fix never creates a new error', () => {
  it('renames a removed key to a required replacement with the value the target requires, and says why', () => {
    const text = 'dten.hybrid.legacyMode=true\n';
    const rename = configDrift([{ path: 'a.properties', text }], MATRIX, '5.0.2', 'dten').find((f) => f.rule === 'config/removed-key')!.fixes!.find((x) => x.safe)!;
    assert.equal(rename.title, 'Rename to dten.hybrid.enable = true (required from dten 5.0.0)');
    const after = fixed('a.properties', text);
    assert.equal(after, 'dten.hybrid.enable=true\n');
    assert.deepEqual(findings('a.properties', after), []);
  });
});
