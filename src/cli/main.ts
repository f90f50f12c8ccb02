import { parseCommandLine, USAGE, UsageError } from './args';
import { runCat } from './cat';
import { CliError } from './io';
import { VERSION } from './version';
import { runLs } from './ls';

/**
 * The review engine is a bundle of its own (dist/review.js), loaded only by the commands that review, so
 * `ls` and `cat` start about as fast as Node itself.
 */
function reviewCommands(): typeof import('./review') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./review') as typeof import('./review');
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
      return runLs(positionals[0], !!values.json);
    case 'cat':
      return runCat(positionals[0], positionals[1]);
    case 'lint':
      return reviewCommands().runLint(positionals[0], values);
    case 'matrix':
      return reviewCommands().runMatrix(positionals[0], values);
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

/** Every failure is one line on stderr: never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof UsageError || e instanceof CliError) {
      process.stderr.write(`upgrade-inspector: ${message}\n`);
    } else {
      process.stderr.write(`upgrade-inspector: internal error: ${message.split('\n')[0]}\n`);
    }
    return 2;
  }
}

if (require.main === module) {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') {
      process.exit(0);
    }
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
