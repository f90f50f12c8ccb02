import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths';

// The extension's constants, read as text: this suite runs in plain Node, where 'vscode' does not exist.
const constants = readFileSync(join(repoRoot, 'src', 'extension', 'constants.ts'), 'utf8');
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string; category: string }[]; views: Record<string, { id: string }[]>; configuration: { properties: Record<string, { scope?: string }> } };
  bin: Record<string, string>;
  activationEvents: string[];
};

function block(name: string): string[] {
  const m = new RegExp(`export const ${name} = \\{([\\s\\S]*?)\\}`).exec(constants);
  return [...(m?.[1] ?? '').matchAll(/:\s*'([^']+)'/g)].map((x) => x[1]);
}

describe('package.json and the code agree', () => {
  it('every command id in code is contributed, with a category, and nothing else is', () => {
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, block('COMMANDS').sort());
    assert.ok(pkg.contributes.commands.every((c) => c.category === 'Upgrade Inspector'));
  });

  it('every view id in code is contributed', () => {
    const views = Object.values(pkg.contributes.views).flat().map((v) => v.id).sort();
    assert.deepEqual(views, block('VIEWS').sort());
  });

  it('every setting in code is contributed with a scope', () => {
    const settings = block('SETTINGS').filter((s) => s !== 'upgradeInspector').map((s) => `upgradeInspector.${s}`).sort();
    assert.deepEqual(Object.keys(pkg.contributes.configuration.properties).sort(), settings);
    assert.ok(Object.values(pkg.contributes.configuration.properties).every((p) => p.scope));
  });

  it('the extension package holds every bundle and wasm file the build writes (each library bundled apart too)', () => {
    const built = readdirSync(join(repoRoot, 'dist')).filter((f) => /\.(js|wasm)$/.test(f)).map((f) => `dist/${f}`).sort();
    const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
    const listed = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(listed.status, 0, listed.stderr);
    assert.deepEqual(listed.stdout.split('\n').filter((f) => f.startsWith('dist/')).sort(), built);
    assert.ok(built.includes('dist/x509-libs.js') && built.includes('dist/xz-lib.js'), built.join(' '));
  });

  it('the CLI is the bin, and activation is narrow', () => {
    assert.deepEqual(pkg.bin, { 'upgrade-inspector': 'dist/cli.js' });
    // A package URI, or a shell script (the opt-in lint of the workspace's own scripts).
    assert.deepEqual(pkg.activationEvents, ['onFileSystem:upgrade-zip', 'onLanguage:shellscript']);
    assert.match(constants, /SCHEME = 'upgrade-zip'/);
  });
});
