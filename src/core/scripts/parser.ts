import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';

let ready: Promise<Parser> | undefined;

/** The wasm files sit beside the bundle (dist/) or, unbundled, in their npm packages. */
function locate(file: string, pkg: string): string {
  const beside = join(__dirname, file);
  return existsSync(beside) ? beside : require.resolve(`${pkg}/${file}`);
}

/** The bash parser, loaded once (web-tree-sitter + tree-sitter-bash, both wasm: nothing native). */
export function bashParser(): Promise<Parser> {
  ready ??= (async () => {
    await Parser.init({ locateFile: (f: string) => locate(f, 'web-tree-sitter') });
    // Bytes, not a path: with a path web-tree-sitter reads the file through a dynamic import(), which a
    // bundle compiled from the CLI's code cache cannot make (src/cli/codeCache.ts).
    const bash = await Language.load(readFileSync(locate('tree-sitter-bash.wasm', 'tree-sitter-bash')));
    const parser = new Parser();
    parser.setLanguage(bash);
    return parser;
  })();
  return ready;
}

export async function parseBash(text: string, old?: Tree): Promise<Tree> {
  const parser = await bashParser();
  const tree = parser.parse(text, old ?? null);
  if (!tree) {
    throw new Error('the shell parser returned no tree');
  }
  return tree;
}
