import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * The CLI's bundles loaded with V8's code cache, as Node 22's module.enableCompileCache does (Node 20 has
 * none): compiling the 540 KB review engine and the 400 KB X.509 libraries costs a one-shot `lint` about as
 * much as Node's own start. The cache is V8's compiled code for our bundles, taken at exit (so it holds the
 * functions the run compiled lazily too) and kept in ~/.cache/upgrade-inspector/code-cache, one file per
 * bundle, headed by a hash of the bundle's size, time and the Node version; V8 rejects a cache that does not fit,
 * and then it is written again. The first run after a change may do little (a file that is not a ZIP) and
 * cache little: the runs after it that loaded the cache write it again, with what they compiled besides,
 * until LEARNING_RUNS runs have written it (a run that reviewed the example package from a cache that the
 * run on a broken file wrote took 10% longer). Each install (each version npx fetches, each project's copy) has
 * its own path and so its own files: a run that writes a bundle's cache keeps the KEEP newest of that bundle's
 * files and removes the others, so the folder does not grow with every version ever run. A bundle loaded this way cannot make a dynamic `import()` (the CLI test
 * reviews the example from a warm cache, which would fail). Nothing of a package is ever in it. UPGRADE_INSPECTOR_CODE_CACHE=0 turns it off.
 */
function cacheDir(): string {
  try {
    return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'upgrade-inspector', 'code-cache');
  } catch {
    return ''; // no home to keep a cache in: every run compiles, as without one
  }
}
const DIR = cacheDir();
const TAG = 32;
/** The tag, then how many runs have written the cache. */
const HEADER = TAG + 1;
const LEARNING_RUNS = 3;
/** Cache files kept per bundle name (one per install in use; ~1 MB each for the engine). */
const KEEP = 4;
// One cache file per bundle path (dist/review.js and out/src/cli/review.js are not the same bundle) and Node
// version: one install run by two Nodes in turn (nvm, a CI matrix) would otherwise have each reject the other's.
const cacheFile = (file: string): string => join(DIR, `${basename(file)}-${createHash('sha256').update(`${file}\0${process.version}`).digest('hex').slice(0, 12)}`);

interface Loaded { file: string; header: Buffer; script: Script }
const loaded = new Map<string, { exports: unknown }>();
const toWrite: Loaded[] = [];

function writeCaches(): void {
  if (!DIR) {
    return;
  }
  try {
    mkdirSync(DIR, { recursive: true });
    for (const { file, header, script } of toWrite) {
      const target = cacheFile(file);
      const temp = `${target}.${process.pid}`;
      writeFileSync(temp, Buffer.concat([header, script.createCachedData()]));
      renameSync(temp, target);
      prune(basename(file));
    }
  } catch {
    // a cache that cannot be written costs the next run its compile time, nothing else
  }
}

/** Keeps the KEEP newest cache files of a bundle (a temporary file a killed run left counts as one). */
function prune(bundle: string): void {
  const files = readdirSync(DIR)
    .filter((f) => f.startsWith(`${bundle}-`))
    .map((f) => {
      try {
        return { f, mtime: statSync(join(DIR, f)).mtimeMs };
      } catch {
        return { f, mtime: Infinity }; // gone already, or removed by another run
      }
    })
    .sort((a, b) => b.mtime - a.mtime);
  for (const { f } of files.slice(KEEP)) {
    try {
      unlinkSync(join(DIR, f));
    } catch {
      // another run removed it
    }
  }
}

/** `require(file)` for a CommonJS bundle, compiled from the code cache when one fits. */
export function requireCached(file: string): unknown {
  const known = loaded.get(file);
  if (known) {
    return known.exports;
  }
  const source = readFileSync(file, 'utf8');
  const { size, mtimeMs } = statSync(file);
  const tag = createHash('sha256').update(`${process.version} ${process.arch} ${size} ${mtimeMs}`).digest().subarray(0, TAG);
  let cachedData: Buffer | undefined;
  let writes = 0;
  try {
    const cache = DIR ? readFileSync(cacheFile(file)) : undefined;
    if (cache && cache.length > HEADER && cache.subarray(0, TAG).equals(tag)) {
      cachedData = cache.subarray(HEADER);
      writes = cache[TAG];
    }
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const fresh = !cachedData || script.cachedDataRejected === true;
  if (fresh || writes < LEARNING_RUNS) {
    if (toWrite.length === 0) {
      process.once('exit', writeCaches);
    }
    toWrite.push({ file, header: Buffer.concat([tag, Buffer.of(fresh ? 1 : writes + 1)]), script });
  }
  const mod = { exports: {} as unknown };
  loaded.set(file, mod);
  const plain = createRequire(file);
  // The bundles beside it (dist/x509-libs.js…) are loaded the same way.
  const req = Object.assign((id: string): unknown => (id.startsWith('./') && id.endsWith('.js') ? requireCached(join(dirname(file), id)) : plain(id)), plain);
  (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, req, mod, file, dirname(file));
  return mod.exports;
}

export const codeCacheEnabled = (): boolean => process.env.UPGRADE_INSPECTOR_CODE_CACHE !== '0';
