import type { Check } from '../context';
import type { Finding } from '../finding';
import { finding } from '../rules';
import { MANIFEST_PATH } from '../manifest/model';
import { parseInventory } from './inventory';
import { buildMatrix } from './matrix';

/** compat/*: the matrix's verdicts as findings at the manifest line they judge. */
export const compatRules: Check = (ctx) => {
  const manifest = ctx.manifest;
  const inv = ctx.workspace.inventory;
  if (!manifest || manifest.doc.syntaxErrors.length > 0) {
    return [];
  }
  if (!inv) {
    ctx.notes.push('no inventory: compatibility was not checked (add .upgrade-inspector/inventory.json or pass --inventory)');
    return [];
  }
  const inventory = parseInventory(inv.text, inv.path);
  ctx.notes.push(...inventory.problems);
  const matrix = buildMatrix(manifest, inventory);
  ctx.matrix = matrix;
  const doc = manifest.doc;
  const out: Finding[] = [];
  for (const row of matrix.rows) {
    if (row.status === 'unsatisfied') {
      out.push(finding('compat/unsatisfied', MANIFEST_PATH, `${row.name}: ${row.detail} on ${matrix.host ?? 'the target'}`, doc.valueRange(row.path)));
    } else if (row.status === 'not-installed') {
      out.push(finding('compat/not-installed', MANIFEST_PATH, `${row.name} (${row.required}) is required but not installed on ${matrix.host ?? 'the target'}`, doc.keyRange(row.path)));
    }
  }
  const p = matrix.product;
  if (p.status === 'downgrade') {
    out.push(finding('compat/downgrade', MANIFEST_PATH, p.detail, doc.valueRange(['version'])));
  } else if (p.status === 'no-upgrade-path') {
    out.push(finding('compat/no-upgrade-path', MANIFEST_PATH, `${p.name} ${p.installed} → ${p.target}: ${p.detail}`, doc.node(['upgradePaths']) ? doc.keyRange(['upgradePaths']) : doc.valueRange(['version'])));
  }
  return out;
};
