import { resolve } from 'node:path';
import { compatibilityOf } from '../core/compat/compatibility';
import { Manifest, MANIFEST_PATH } from '../core/manifest/model';
import { loadWorkspaceFiles } from '../core/workspace';
import { escapeControls } from '../core/text';
import type { Parsed } from './args';
import { matrixJson, matrixMarkdownTable, matrixText } from '../core/compat/matrixTable';
import { CliError, explainWorkspaceErrors, openZipOrExplain, write } from './io';

/** `matrix`: the package's requirements against the inventory; exit 1 on an error-level verdict. */
export async function runMatrix(path: string, values: Parsed['values']): Promise<number> {
  const inventoryPath = typeof values.inventory === 'string' ? resolve(values.inventory) : undefined;
  const ws = await explainWorkspaceErrors(() => loadWorkspaceFiles(resolve(typeof values.workspace === 'string' ? values.workspace : '.'), inventoryPath));
  if (!ws.inventory) {
    // There but unreadable: say that, not that there is none.
    throw new CliError(ws.inventoryProblem ?? 'no inventory: pass --inventory FILE or add .upgrade-inspector/inventory.json to the workspace');
  }
  const archive = await openZipOrExplain(path);
  let manifest: Manifest;
  try {
    if (!archive.getEntry(MANIFEST_PATH)) {
      throw new CliError(`${path}: the package has no manifest.json`);
    }
    manifest = new Manifest(await archive.read(MANIFEST_PATH, { maxBytes: 8 * 1024 * 1024 }));
  } finally {
    await archive.close();
  }
  if (manifest.doc.syntaxErrors.length > 0) {
    throw new CliError(`${path}: manifest.json is not valid JSON (run lint for details)`);
  }
  const { matrix, findings, problems } = compatibilityOf(manifest, ws.inventory);
  const format = (values.format as string | undefined) ?? 'text';
  await write(format === 'json' ? matrixJson(matrix) : format === 'markdown' ? matrixMarkdownTable(matrix) : matrixText(matrix));
  // What of the inventory was not read, on stderr: stdout keeps the format's contract.
  process.stderr.write(problems.map((p) => `upgrade-inspector: note: ${escapeControls(p)}\n`).join(''));
  // The same verdicts as lint: exit 1 when one of them is an error.
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
