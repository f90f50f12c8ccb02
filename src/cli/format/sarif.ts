import type { Finding } from '../../core/finding';
import type { ReviewResult } from '../../core/review';
import { RULES, ruleDocUrl, ruleMeta } from '../../core/rules';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it; accepted findings carry an external suppression, and the
 * findings of a comparison their baselineState (new, unchanged, absent).
 */
export function formatSarif(result: Pick<ReviewResult, 'package' | 'findings' | 'accepted'>, version: string): string {
  const all: (Finding & { baseline?: string })[] = [...result.findings, ...result.accepted];
  const ids = [...new Set([...RULES.map((r) => r.id), ...all.map((f) => f.rule)])];
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules = ids.map((id) => {
    const meta = ruleMeta(id);
    return {
      id,
      shortDescription: { text: meta?.title ?? id },
      helpUri: ruleDocUrl(id),
      defaultConfiguration: { level: LEVEL[meta?.severity ?? 'warning'] },
    };
  });
  const results = all.map((f) => ({
    ruleId: f.rule,
    ruleIndex: index.get(f.rule),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.file), uriBaseId: f.origin === 'package' ? 'PACKAGE' : 'WORKSPACE' },
          region: {
            startLine: f.range.start.line + 1,
            startColumn: f.range.start.character + 1,
            endLine: f.range.end.line + 1,
            endColumn: f.range.end.character + 1,
          },
        },
      },
    ],
    ...(f.accepted ? { suppressions: [{ kind: 'external', justification: f.accepted.reason }] } : {}),
    ...(f.baseline ? { baselineState: f.baseline } : {}),
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'upgrade-inspector', informationUri: 'https://github.com/upgrade-inspector/upgrade-inspector', version, rules } },
        originalUriBaseIds: {
          PACKAGE: { description: { text: `paths inside ${result.package}` } },
          WORKSPACE: { description: { text: 'paths relative to the reviewed workspace' } },
        },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
