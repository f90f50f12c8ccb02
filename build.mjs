// Bundles the extension and the CLI with esbuild; tree-sitter's wasm files are copied beside them.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, chmodSync } from 'node:fs';

const watch = process.argv.includes('--watch');
// mainFields: jsonc-parser's UMD build hides its requires from esbuild; its ESM build bundles cleanly.
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, minify: !watch, logLevel: 'warning', mainFields: ['module', 'main'],
  // web-tree-sitter's and openpgp's ESM builds read import.meta.url, which a CommonJS bundle lacks: use their CJS builds.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs', openpgp: './node_modules/openpgp/dist/node/openpgp.min.cjs' } };
mkdirSync('dist', { recursive: true });
// Libraries only some packages need (src/core/vendor/) are bundled apart and required on first use by
// src/core/lazy.ts: the main bundles keep the require, pointed at the file beside them.
const VENDOR = { x509Libs: 'x509-libs', archiveLibs: 'archive-libs', xzLib: 'xz-lib', openpgpLib: 'openpgp-lib' };
const vendorApart = {
  name: 'vendor-apart',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^\\./vendor/(${Object.keys(VENDOR).join('|')})$`) }, (args) => ({ path: `./${VENDOR[args.path.split('/').pop()]}.js`, external: true }));
  },
};
const main = { ...common, plugins: [vendorApart] };
await Promise.all([
  build({ ...main, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', format: 'cjs', external: ['vscode'] }),
  // ls and cat load nothing of the review engine: it is bundled apart and required by lint and matrix.
  build({ ...main, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', format: 'cjs', banner: { js: '#!/usr/bin/env node' }, external: ['./review'] }),
  build({ ...main, entryPoints: ['src/cli/review.ts'], outfile: 'dist/review.js', format: 'cjs' }),
  ...Object.entries(VENDOR).map(([source, out]) => build({ ...common, entryPoints: [`src/core/vendor/${source}.ts`], outfile: `dist/${out}.js`, format: 'cjs' })),
]);
copyFileSync('node_modules/web-tree-sitter/tree-sitter.wasm', 'dist/tree-sitter.wasm');
copyFileSync('node_modules/tree-sitter-bash/tree-sitter-bash.wasm', 'dist/tree-sitter-bash.wasm');
chmodSync('dist/cli.js', 0o755);
