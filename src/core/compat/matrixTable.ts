/** The matrix as text, JSON and Markdown: shared by the CLI, the report and the editor's export. */
import type { CompatMatrix } from './matrix';

const ICON: Record<string, string> = { ok: '✓', unsatisfied: '✗', 'not-installed': '?', 'loose-range': '~', downgrade: '✗', 'no-upgrade-path': '✗', 'same-version': '=', unknown: '?' };

export function matrixJson(m: CompatMatrix): string {
  return (
    JSON.stringify(
      {
        host: m.host ?? null,
        product: { name: m.product.name, installed: m.product.installed, target: m.product.target, upgradePath: m.product.via ?? null, status: m.product.status },
        rows: m.rows.map((r) => ({ name: r.name, required: r.required, installed: r.installed, status: r.status })),
      },
      null,
      2,
    ) + '\n'
  );
}

export function matrixMarkdownTable(m: CompatMatrix): string {
  const p = m.product;
  const lines = [
    `| | name | required | installed | status |`,
    `|---|---|---|---|---|`,
    `| ${ICON[p.status]} | **${p.name}** (product) | ${p.target}${p.via ? ` via \`${p.via}\`` : ''} | ${p.installed ?? '—'} | ${p.status} |`,
    ...m.rows.map((r) => `| ${ICON[r.status]} | ${r.name} | \`${r.required}\` | ${r.installed ?? '—'} | ${r.status} |`),
  ];
  return lines.join('\n') + '\n';
}

export function matrixText(m: CompatMatrix): string {
  const rows = [
    ['', 'NAME', 'REQUIRED', 'INSTALLED', 'STATUS'],
    [ICON[m.product.status], `${m.product.name} (product)`, m.product.target, m.product.installed ?? '-', `${m.product.status}${m.product.via ? ` via ${m.product.via}` : ''}`],
    ...m.rows.map((r) => [ICON[r.status], r.name, r.required, r.installed ?? '-', r.status]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const out = rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
  const notes = [m.product, ...m.rows].filter((r) => r.status !== 'ok').map((r) => `  ${r.name}: ${r.detail}`);
  return [`host: ${m.host ?? '(unnamed)'}`, ...out, ...(notes.length ? ['', ...notes] : [])].join('\n') + '\n';
}
