import { parseArgs } from 'node:util';

/** A bad command line: printed as one line, exit 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: upgrade-inspector <command> [options]

Review a vendor upgrade package before the maintenance window.

Commands:
  lint PACKAGE.zip|FOLDER   review the package; exit 0 no errors, 1 errors, 2 bad usage
      --workspace DIR       folder whose config files and .upgrade-inspector/ take part (default: .)
      --inventory FILE      what is installed on the target (default: .upgrade-inspector/inventory.json)
      --trusted-root PEM    a trusted root certificate (repeatable)
      --trusted-key KEY     an armored OpenPGP public key trusted to sign (repeatable)
      --chain PEM           certificates the vendor sent (a new intermediate, a cross-signed root):
                            used to build the path to a trusted root, never trusted themselves (repeatable)
      --format FORMAT       text (default), json, sarif or markdown
      --fix                 apply the safe config fixes to the workspace and report them
      --show-accepted       also list findings accepted in .upgrade-inspector/review.json
      --no-shellcheck       do not run shellcheck even when it is installed
  diff OLD NEW              what changed between two releases (ZIPs or folders), which findings are new;
                            exit 1 when NEW brings a new error finding
      --workspace, --inventory, --trusted-root, --no-shellcheck   as for lint
      --format FORMAT       text (default), json, sarif (with baselineState) or markdown
  ls PACKAGE.zip [--json]   list the entries: mode, size, date, path
      --recursive           also every entry of every archive inside (OUTER!/INNER paths)
  cat PACKAGE.zip PATH      write one entry's bytes to stdout (PATH may be inside a nested archive: 'A!/B')
  matrix PACKAGE.zip        the compatibility matrix
      --inventory FILE      as for lint
      --format FORMAT       text (default), json or markdown

  --help, --version`;

export interface Parsed {
  command: string;
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

const OPTIONS = {
  workspace: { type: 'string' },
  inventory: { type: 'string' },
  'trusted-root': { type: 'string', multiple: true },
  chain: { type: 'string', multiple: true },
  'trusted-key': { type: 'string', multiple: true },
  format: { type: 'string' },
  fix: { type: 'boolean' },
  'show-accepted': { type: 'boolean' },
  'no-shellcheck': { type: 'boolean' },
  json: { type: 'boolean' },
  recursive: { type: 'boolean', short: 'R' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

const ALLOWED: Record<string, string[]> = {
  lint: ['workspace', 'inventory', 'trusted-root', 'trusted-key', 'chain', 'format', 'fix', 'show-accepted', 'no-shellcheck'],
  ls: ['json', 'recursive'],
  cat: [],
  matrix: ['inventory', 'format', 'workspace'],
  diff: ['workspace', 'inventory', 'trusted-root', 'trusted-key', 'chain', 'format', 'no-shellcheck'],
};

const FORMATS: Record<string, string[]> = { lint: ['text', 'json', 'sarif', 'markdown'], matrix: ['text', 'json', 'markdown'], diff: ['text', 'json', 'sarif', 'markdown'] };
const ARITY: Record<string, number> = { lint: 1, ls: 1, cat: 2, matrix: 1, diff: 2 };

export function parseCommandLine(argv: string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  const [command, ...positionals] = parsed.positionals;
  const values = parsed.values as Parsed['values'];
  if (values.help || values.version || command === undefined || command === 'help') {
    return { command: values.version ? 'version' : 'help', positionals: [], values };
  }
  if (!(command in ALLOWED)) {
    throw new UsageError(`unknown command "${command}" (expected lint, diff, ls, cat or matrix; see --help)`);
  }
  for (const key of Object.keys(values)) {
    if (!ALLOWED[command].includes(key)) {
      throw new UsageError(`option --${key} does not apply to ${command}`);
    }
  }
  if (positionals.length !== ARITY[command]) {
    const takes = ARITY[command] === 1 ? 'one argument, the package' : command === 'diff' ? 'two arguments, the old release and the new one' : 'two arguments, the package and a path inside it';
    throw new UsageError(`${command} takes ${takes} (see --help)`);
  }
  const format = values.format;
  if (typeof format === 'string' && !FORMATS[command].includes(format)) {
    throw new UsageError(`unknown format "${format}" for ${command} (expected ${FORMATS[command].join(', ')})`);
  }
  return { command, positionals, values };
}
