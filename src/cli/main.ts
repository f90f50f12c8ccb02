import { join } from 'node:path';
import { parseCommandLine, USAGE, UsageError } from './args';
import { runCat } from './cat';
import { VERSION } from './version';
import { escapeControls } from '../core/text';
import { runLs } from './ls';

/** Node's modules the review engine and the code cache load. */
const ENGINE_BUILTINS = ['node:child_process', 'node:crypto', 'node:fs/promises', 'node:module', 'node:os', 'node:process', 'node:vm', 'node:zlib'];

/**
 * Wasm at the baseline tier only. `--liftoff-only` alone is not enough once Node has started: V8 applies a
 * flag's implications (here: no tier-up, static or dynamic) only at start-up from V8 13 on (Node 24), so set
 * after it, it left the grammar tiering up as before: `lint` of the example took 0.8 s and 580 MB there.
 */
const BASELINE_WASM = '--liftoff-only --no-wasm-tier-up --no-wasm-dynamic-tiering';

/**
 * The review engine is a bundle of its own (dist/review.js), loaded only by the commands that review, so
 * `ls` and `cat` start about as fast as Node itself.
 */
function reviewCommands(): typeof import('./review') {
  // A one-shot process keeps the shell parser's wasm at the baseline tier: at the optimizing tier V8 compiles
  // the whole grammar in the background, and the process cannot exit until that is done (about a second of
  // CPU after the review has finished). The baseline tier parses real scripts as fast. The editor's
  // long-running host does not set this.
  // node:v8 and the code cache (node:crypto, node:vm…) are loaded here, not for `ls` and `cat`.
  // Node's own modules are compiled from the code cache built into Node only while V8's flags are as Node
  // was built with: the engine's are loaded before the flag is set (compiled from source after it, they cost
  // `lint` about 10 ms more).
  for (const builtin of ENGINE_BUILTINS) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(builtin);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('node:v8') as typeof import('node:v8')).setFlagsFromString(BASELINE_WASM);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { codeCacheEnabled, requireCached } = require('./codeCache') as typeof import('./codeCache');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (codeCacheEnabled() ? requireCached(join(__dirname, 'review.js')) : require('./review')) as typeof import('./review');
}

async function run(argv: string[]): Promise<number> {
  const { command, positionals, values } = parseCommandLine(argv);
  switch (command) {
    case 'help':
      process.stdout.write(USAGE + '\n');
      return 0;
    case 'version':
      process.stdout.write(VERSION + '\n');
      return 0;
    case 'ls':
      // Listing inside nested archives opens them: that is the review engine's work.
      return values.recursive ? reviewCommands().runLsRecursive(positionals[0], !!values.json) : runLs(positionals[0], !!values.json);
    case 'cat':
      return positionals[1].includes('!/') ? reviewCommands().runCatNested(positionals[0], positionals[1]) : runCat(positionals[0], positionals[1]);
    case 'lint':
      return reviewCommands().runLint(positionals[0], values);
    case 'matrix':
      return reviewCommands().runMatrix(positionals[0], values);
    case 'diff':
      return reviewCommands().runDiff(positionals[0], positionals[1], values);
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

/** Every failure is one line on stderr: never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    const message = escapeControls(e instanceof Error ? e.message : String(e));
    if (e instanceof UsageError || (e instanceof Error && e.name === 'CliError')) {
      process.stderr.write(`upgrade-inspector: ${message}\n`);
    } else {
      process.stderr.write(`upgrade-inspector: internal error: ${message.split('\n')[0]}\n`);
    }
    return 2;
  }
}

if (require.main === module) {
  // Node's deprecation warnings are for the authors of the code they name (a library's Buffer(), for one), not
  // for the user of a command: its stderr is for what the command has to say.
  process.noDeprecation = true;
  // The reader went away (`| head`): what it wanted is written. Any other failure (a full disk) is a failed
  // command: `cat > file` on a full disk ended with 0 and a short file.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') {
      process.stderr.write(`upgrade-inspector: cannot write the output (${e.code ?? e.message})\n`);
    }
    process.exit(e.code === 'EPIPE' ? 0 : 2);
  });
  let answered = false;
  // A command whose work waits on something that never comes (a reader that stops without an end or an
  // error) would let Node exit with 0 and no output: a review that says nothing would pass a CI job.
  process.once('beforeExit', () => {
    if (!answered) {
      process.stderr.write('upgrade-inspector: internal error: the command stopped before it finished, and nothing was reported: treat the package as not reviewed\n');
      process.exitCode = 2;
    }
  });
  void main(process.argv.slice(2)).then((code) => {
    answered = true;
    process.exitCode = code;
  });
}
