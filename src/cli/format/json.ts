import type { Finding, Severity } from '../../core/finding';
import type { ReviewResult } from '../../core/review';

export function summaryOf(findings: readonly Finding[]): Record<Severity, number> {
  const s: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) {
    s[f.severity] += f.group?.count ?? 1;
  }
  return s;
}

export function findingJson(f: Finding): Record<string, unknown> {
  return {
    rule: f.rule,
    severity: f.severity,
    file: f.file,
    origin: f.origin,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    message: f.message,
    ...(f.group ? { count: f.group.count, files: f.group.files } : {}),
    ...(f.accepted ? { accepted: f.accepted } : {}),
  };
}

/** The JSON of the contract: 1-based lines; accepted findings apart and outside the summary. */
export function formatJson(result: ReviewResult, showAccepted: boolean, extra: Record<string, unknown> = {}): string {
  return (
    JSON.stringify(
      {
        package: result.package,
        findings: result.findings.map(findingJson),
        summary: summaryOf(result.findings),
        ...(showAccepted ? { accepted: result.accepted.map(findingJson) } : {}),
        ...(result.stale.length ? { staleAcceptances: result.stale.map(({ range, ...e }) => ({ ...e, ledgerLine: range.start.line + 1 })) } : {}),
        ...(result.notes.length ? { notes: result.notes } : {}),
        ...extra,
      },
      null,
      2,
    ) + '\n'
  );
}
