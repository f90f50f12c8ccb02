import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) {
      throw new Error('package.json not found above ' + from);
    }
    dir = up;
  }
  return dir;
}

export const repoRoot = findRoot(__dirname);
/** The shared conformance corpus, read in place beside the project (absent in a user's own clone). */
export const corpusDir = resolve(repoRoot, '..', 'shared', 'corpus', 'yauzl');
export const hasCorpus = existsSync(corpusDir);
