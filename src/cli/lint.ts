import { VERSION } from './version';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fixConfigDrift } from '../core/config/fixAll';
import { reviewReport } from '../core/report';
import { corruptArchiveResult, openPackage, type ReviewResult } from '../core/review';
import { ReviewSession } from '../core/engine';
import { defaultSettings, type ReviewSettings } from '../core/settings';
import { loadWorkspace, type TextFile, type Workspace } from '../core/workspace';
import { ZipError } from '../core/zip';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { CliError, explainWorkspaceErrors, readUserFileOrExplain, statOrExplain, write } from './io';
import type { Parsed } from './args';
import { append } from '../core/append';
import { why } from '../core/userFile';
import { encodeText } from '../core/textFile';

/** What a trust file given on the command line must hold, and what to say when it does not. */
const CERTIFICATES = { marker: '-----BEGIN CERTIFICATE-----', not: 'not a PEM certificate' };
const OPENPGP_KEYS = { marker: '-----BEGIN PGP PUBLIC KEY BLOCK-----', not: 'not an armored OpenPGP public key (gpg --armor --export)' };

/** The texts of the files given for an option (--trusted-root, --chain, --trusted-key), each checked for its kind. */
async function readTrustFiles(paths: string[], kind: { marker: string; not: string }): Promise<string[]> {
  return Promise.all(
    paths.map(async (p) => {
      const text = await readUserFileOrExplain(p);
      if (!text.includes(kind.marker)) {
        throw new CliError(`${p}: ${kind.not}`);
      }
      return text;
    }),
  );
}

export async function loadCliWorkspace(values: Parsed['values']): Promise<Workspace> {
  const dir = resolve(typeof values.workspace === 'string' ? values.workspace : '.');
  if (!(await statOrExplain(dir)).isDirectory) {
    throw new CliError(`${dir}: the workspace must be a folder`);
  }
  const inventoryPath = typeof values.inventory === 'string' ? resolve(values.inventory) : undefined;
  return explainWorkspaceErrors(() => loadWorkspace(dir, { inventoryPath, blocking: true }));
}

/** The review settings the command line gives: trusted roots, ShellCheck on or off. */
export async function cliSettings(values: Parsed['values']): Promise<ReviewSettings> {
  return defaultSettings({
    trustedRoots: await readTrustFiles((values['trusted-root'] as string[] | undefined) ?? [], CERTIFICATES),
    extraCertificates: await readTrustFiles((values.chain as string[] | undefined) ?? [], CERTIFICATES),
    trustedKeys: await readTrustFiles((values['trusted-key'] as string[] | undefined) ?? [], OPENPGP_KEYS),
    shellcheck: { enabled: !values['no-shellcheck'], path: 'shellcheck' },
  });
}

/** A review from the command line, with its workspace and how to review the same opened package again. */
interface CliReview {
  result: ReviewResult;
  workspace: Workspace;
  again(workspace: Workspace): Promise<ReviewResult>;
}

/**
 * Reviews PACKAGE (a ZIP or an unpacked folder); a file that is not a ZIP is a zip/corrupt finding. `then`,
 * when given, has the last word while the package is still open (`lint --fix` reviews it again).
 */
async function reviewFromCli(path: string, values: Parsed['values'], then?: (review: CliReview) => Promise<ReviewResult>): Promise<ReviewResult> {
  const { isDirectory } = await statOrExplain(path);
  const workspace = await loadCliWorkspace(values);
  const settings = await cliSettings(values);
  let pkg;
  try {
    pkg = await openPackage(path, isDirectory, { blockingSmallReads: true });
  } catch (e) {
    if (e instanceof ZipError) {
      return corruptArchiveResult(path, e, workspace);
    }
    throw new CliError(`${path}: cannot be opened (${(e as Error).message})`);
  }
  try {
    const session = new ReviewSession(pkg);
    const result = await session.review(workspace, settings);
    return then ? await then({ result, workspace, again: (changed) => session.review(changed, settings) }) : result;
  } finally {
    await pkg.archive?.close();
  }
}

/**
 * `lint --fix`: the config drift fixes written to the workspace's files, then the same package reviewed again
 * with the files as written (its archives, and ShellCheck's report, are not read again). A file that cannot be
 * written keeps its findings, and a note says why; the others are fixed. `changes` receives what was done.
 */
async function fixAndReviewAgain({ result, workspace, again }: CliReview, root: string, changes: string[]): Promise<ReviewResult> {
  if (!result.drift) {
    return result;
  }
  const { texts, changes: made } = fixConfigDrift(workspace.configFiles, result.drift);
  const unwritten = new Map<string, string>();
  for (const [file, text] of texts) {
    const bytes = encodeText(workspace.configFiles.find((f) => f.path === file) ?? {}, text);
    if (!bytes) {
      unwritten.set(file, `${file} is not UTF-8 (read as ISO-8859-1), and its fixes hold characters that encoding cannot write, so they were not made`);
      continue;
    }
    await writeFile(join(root, file), bytes).catch((e: unknown) => unwritten.set(file, `${file} could not be written (${why(e)}), so its fixes were not made`));
  }
  append(changes, made.filter((c) => !unwritten.has(c.file)).map((c) => `${c.file}:${c.line}: ${c.title}`));
  let after = result;
  if (texts.size > unwritten.size) {
    const written = (f: TextFile): TextFile => (texts.has(f.path) && !unwritten.has(f.path) ? { ...f, text: texts.get(f.path)! } : f);
    after = await again({ ...workspace, configFiles: workspace.configFiles.map(written) });
  }
  return { ...after, notes: [...after.notes, ...unwritten.values()] };
}

export async function runLint(path: string, values: Parsed['values']): Promise<number> {
  const showAccepted = !!values['show-accepted'];
  const format = (values.format as string | undefined) ?? 'text';
  const changes: string[] = [];
  const root = resolve(typeof values.workspace === 'string' ? values.workspace : '.');
  const result = await reviewFromCli(path, values, values.fix ? (review) => fixAndReviewAgain(review, root, changes) : undefined);
  if (format === 'json') {
    await write(formatJson(result, showAccepted, changes.length ? { fixed: changes } : {}));
  } else if (format === 'markdown') {
    await write(reviewReport(result, new Date()));
  } else if (format === 'sarif') {
    await write(formatSarif(result, VERSION));
  } else {
    await write(formatText(result, { colour: !!process.stdout.isTTY && !process.env.NO_COLOR, showAccepted, changes }));
  }
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
