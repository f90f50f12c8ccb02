import * as assert from 'node:assert/strict';
import { ZipPackage } from '../../src/core/package/source';
import { emptyWorkspace, reviewPackage } from '../../src/core/review';
import { defaultSettings } from '../../src/core/settings';
import { MAX_STATEMENTS, MAX_WORDS } from '../../src/core/scripts/limit';
import { MAX_DEPTH } from '../../src/core/scripts/model';
import { ScriptSessions } from '../../src/core/scripts/sessions';
import { buildScriptModel } from '../../src/core/scripts/session';
import { ZipArchive } from '../../src/core/zip';
import { rawZip } from '../helpers/rawZip';
import { MAX_MESSAGE } from '../../src/core/finding';

const manifest = { name: 'manifest.json', data: Buffer.from('{"schemaVersion":1,"product":"p","version":"1.0.0","files":[]}') };
const settings = defaultSettings({ shellcheck: { enabled: false, path: '' } });

describe('scripts too long to model', () => {
  it('names a script with more statements than the limit instead of parsing it, and reviews the others', async () => {
    const rm = 'rm -rf "$STAGE/"';
    // Lines and ; and & separators are counted: half the statements on lines of their own, half after `;`.
    const long = `#!/bin/sh\n${rm}\n${'true; true\n'.repeat(MAX_STATEMENTS / 2)}true &\n`;
    const zip = rawZip([manifest, { name: 'long.sh', data: Buffer.from(long) }, { name: 'short.sh', data: Buffer.from(`#!/bin/sh\nset -e\n${rm}\n`) }]);
    const result = await reviewPackage(new ZipPackage(await ZipArchive.fromBuffer(zip), 'p.zip'), emptyWorkspace(), settings);
    const scripts = result.findings.filter((f) => f.rule.startsWith('script/')).map((f) => `${f.file} ${f.rule} ${f.message}`);
    assert.deepEqual(scripts.sort(), [
      `long.sh script/unparsed long.sh holds more than ${MAX_STATEMENTS} statements (its lines and ; & | separators): it was not parsed, so no script rule saw it; read it by hand`,
      'short.sh script/unsafe-rm rm -r: if $STAGE is empty, $STAGE/ becomes / and rm works from the root',
    ]);
  });

  it('counts the stages of a pipeline as statements, and names a script with more words than the limit', async () => {
    const pipeline = `#!/bin/sh\n${'echo|'.repeat(MAX_STATEMENTS)}cat\n`;
    const words = `#!/bin/sh\necho ${'a '.repeat(MAX_WORDS)}\n`;
    const below = `#!/bin/sh\necho ${'a '.repeat(MAX_WORDS - 2)}\n`;
    const zip = rawZip([manifest, ...[pipeline, words, below].map((t, i) => ({ name: `${i}.sh`, data: Buffer.from(t) }))]);
    const result = await reviewPackage(new ZipPackage(await ZipArchive.fromBuffer(zip), 'p.zip'), emptyWorkspace(), settings);
    const unparsed = result.findings.filter((f) => f.rule === 'script/unparsed').map((f) => f.message.split(':')[0]);
    assert.deepEqual(unparsed.sort(), [`0.sh holds more than ${MAX_STATEMENTS} statements (its lines and ; & | separators)`, `1.sh holds more than ${MAX_WORDS} words`]);
  });

  it('stops modelling a script as it is edited past the limit, and models it again below it', async () => {
    const sessions = new ScriptSessions();
    try {
      const short = '#!/bin/sh\nsudo reboot\n';
      assert.equal((await sessions.model('a.sh', short)).commands.length, 1);
      const long = await sessions.model('a.sh', short + 'true\n'.repeat(MAX_STATEMENTS));
      assert.deepEqual([long.commands.length, long.notParsed !== undefined], [0, true]);
      assert.equal((await sessions.model('a.sh', short)).commands.length, 1);
    } finally {
      sessions.dispose();
    }
  });
});

describe('scripts built to be slow to model', () => {
  it('models a pipeline of 30,000 stages, each command in its place', async () => {
    // 200 KB of text, 600 bytes zipped: each stage used to list all the others, and the review took minutes.
    const model = await buildScriptModel('a.sh', `#!/bin/sh\n${'echo | '.repeat(29_999)}cat\n`);
    try {
      const last = model.commands[model.commands.length - 1];
      assert.deepEqual([model.commands.length, last.name, last.pipelineIndex, last.pipeline?.length], [30_000, 'cat', 29_999, 30_000]);
    } finally {
      model.dispose();
    }
  });
});

describe('commands wrapped over and over', () => {
  it('finds the command under 40,000 sudo wrappers, with each wrapper in its path', async () => {
    // Each wrapper used to copy the arguments after it: 40,000 of them took 24 s.
    const model = await buildScriptModel('a.sh', `#!/bin/sh\n${'sudo '.repeat(40_000)}-u root reboot now\n`);
    try {
      const [cmd] = model.commands;
      assert.deepEqual([cmd.name, cmd.via.length, cmd.args.map((a) => a.value)], ['reboot', 40_000, ['now']]);
    } finally {
      model.dispose();
    }
  });
});

describe('scripts nested too deep to model', () => {
  // Each `"$(echo ` is four levels of syntax; 100,000 of them (2 KB zipped) took 20 s to review.
  const deep = (levels: number): string => `#!/bin/sh\nsudo reboot\necho ${'"$(echo '.repeat(levels)}x${')"'.repeat(levels)}\n`;

  it('names a script nested past the limit instead of modelling it, and reviews the others', async () => {
    const zip = rawZip([manifest, { name: 'deep.sh', data: Buffer.from(deep(MAX_DEPTH)) }, { name: 'short.sh', data: Buffer.from('#!/bin/sh\nset -e\nrm -rf "$STAGE/"\n') }]);
    const result = await reviewPackage(new ZipPackage(await ZipArchive.fromBuffer(zip), 'p.zip'), emptyWorkspace(), settings);
    const scripts = result.findings.filter((f) => f.rule.startsWith('script/')).map((f) => `${f.file} ${f.rule} ${f.message}`);
    assert.deepEqual(scripts.sort(), [
      `deep.sh script/unparsed deep.sh nests more than ${MAX_DEPTH} levels deep (line 3): it was not parsed, so no script rule saw it; read it by hand`,
      'short.sh script/unsafe-rm rm -r: if $STAGE is empty, $STAGE/ becomes / and rm works from the root',
    ]);
  });

  it('models a script nested as deep as real ones are, and again after an edit takes it past the limit and back', async () => {
    const sessions = new ScriptSessions();
    try {
      const names = async (text: string): Promise<string[]> => (await sessions.model('a.sh', text)).commands.map((c) => c.name);
      assert.deepEqual(await names(deep(30)), ['reboot', 'echo', ...Array<string>(30).fill('echo')]);
      const past = await sessions.model('a.sh', deep(MAX_DEPTH));
      assert.deepEqual([past.commands.length, past.notParsed], [0, `nests more than ${MAX_DEPTH} levels deep (line 3)`]);
      assert.deepEqual(await names(deep(2)), ['reboot', 'echo', 'echo', 'echo']);
    } finally {
      sessions.dispose();
    }
  });
});

describe('findings about package text that never ends', () => {
  it('cuts a message at 2,000 characters and says how much more there was', async () => {
    const days = Array<string>(5_000).fill('1').join(',');
    const zip = rawZip([manifest, { name: 'cron.sh', data: Buffer.from(`#!/bin/sh\nset -e\necho "0 0 ${days} * * root /usr/bin/x" > /etc/cron.d/x\n`) }]);
    const result = await reviewPackage(new ZipPackage(await ZipArchive.fromBuffer(zip), 'p.zip'), emptyWorkspace(), settings);
    const cron = result.findings.find((f) => f.rule === 'script/cron-job')!;
    const [kept, more] = [cron.message.indexOf('… ('), Number(/\((\d+) more characters\)$/.exec(cron.message)?.[1])];
    assert.deepEqual([kept, more > 10_000], [MAX_MESSAGE, true]);
    assert.match(cron.message, /^installs a cron job in \/etc\/cron\.d\/x that runs at 00:00, on day 1, 1, .*… \(\d+ more characters\)$/);
  });
});

describe('scripts the archive pass refused', () => {
  it('does not inflate a script that is a compression bomb to parse it', async () => {
    const zip = rawZip([manifest, { name: 'install.sh', data: Buffer.from(`#!/bin/sh\n${'echo 1\n'.repeat(300_000)}`), deflate: true }]);
    const result = await reviewPackage(new ZipPackage(await ZipArchive.fromBuffer(zip), 'p.zip'), emptyWorkspace(), settings);
    const about = result.findings.filter((f) => f.file === 'install.sh').map((f) => f.rule);
    assert.deepEqual(about.sort(), ['zip/compression-bomb', 'zip/unlisted-file']);
  });
});
