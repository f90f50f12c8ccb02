import * as semver from 'semver';
import { readPackageBytes, readPackageText, type ReviewContext, type ReviewModels } from './context';
import { parseInventory } from './compat/inventory';
import { buildMatrix } from './compat/matrix';
import { mergeMatrices, parseMatrix, type DeprecationMatrix } from './config/matrix';
import { verifySignature } from './signature/verify';
import { checksumListPath, parseChecksumList } from './signature/checksumList';
import { packageScripts } from './scripts/found';
import { append } from './append';

type Reading = Pick<ReviewContext, 'pkg' | 'settings' | 'unreadable' | 'manifest' | 'workspace' | 'notes' | 'digests'>;

/** A text file of the package the review needs; one past the text limit is said in a note, not skipped in silence. */
async function readNeeded(ctx: Reading, path: string, what: string): Promise<string | undefined> {
  const text = await readPackageText(ctx, path);
  const size = ctx.pkg.file(path)?.size ?? 0;
  if (text === undefined && size > ctx.settings.limits.maxTextBytes) {
    ctx.notes.push(`${path} is ${size} bytes, past the ${ctx.settings.limits.maxTextBytes} bytes a text file may have: ${what} was not read`);
  }
  return text;
}

/** The package's deprecation matrix merged with the workspace's. */
async function loadDeprecations(ctx: Reading): Promise<DeprecationMatrix | undefined> {
  const path = ctx.manifest?.deprecationsPath;
  const text = path ? await readNeeded(ctx, path, 'the deprecation matrix') : undefined;
  const own = path && text !== undefined ? parseMatrix(text, path) : undefined;
  const ws = ctx.workspace.deprecations ? parseMatrix(ctx.workspace.deprecations.text, ctx.workspace.deprecations.path) : undefined;
  return mergeMatrices(own, ws);
}

/**
 * Everything the rules share, built once before any of them runs: the inventory, the compatibility matrix,
 * the config-drift inputs, the signature's verdict and the scripts. Notes say what could not be built and why.
 */
export async function buildModels(ctx: Reading, signal?: AbortSignal): Promise<ReviewModels> {
  const { manifest, workspace } = ctx;
  // First: what takes time on the scripts then runs beside everything below.
  const scripts = await packageScripts(ctx, signal);
  const inventory = workspace.inventory ? parseInventory(workspace.inventory.text, workspace.inventory.path) : undefined;
  const readable = manifest && manifest.doc.syntaxErrors.length === 0 ? manifest : undefined;
  if (inventory) {
    append(ctx.notes, inventory.problems);
  } else {
    ctx.notes.push('no inventory: compatibility, systemd units and retired hosts in scripts were not checked (add .upgrade-inspector/inventory.json or pass --inventory)');
  }
  const matrix = readable && inventory ? buildMatrix(readable, inventory) : undefined;
  const target = semver.valid(manifest?.version ?? '');
  const deprecations = manifest && target ? await loadDeprecations(ctx) : undefined;
  if (deprecations) {
    append(ctx.notes, deprecations.problems);
  }
  const product = deprecations && (deprecations.product ?? manifest?.name ?? '');
  const drift = deprecations && target && product ? { matrix: deprecations, target, product } : undefined;
  const listPath = checksumListPath(ctx.pkg);
  const listText = listPath ? await readNeeded(ctx, listPath, 'the checksum list') : undefined;
  const checksums = listPath && listText !== undefined ? parseChecksumList(listPath, listText) : undefined;
  const reader = {
    file: (p: string) => ctx.pkg.file(p),
    readBytes: (p: string, max?: number) => readPackageBytes(ctx, p, max),
    paths: () => ctx.pkg.files().filter((f) => f.type === 'file').map((f) => f.path),
    sha256: (p: string) => ctx.digests.get(p),
  };
  const signature = manifest ? await verifySignature(manifest, reader, ctx.settings) : undefined;
  return { inventory, matrix, drift, signature, deprecations, checksums, scripts };
}
