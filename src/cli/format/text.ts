import type { Finding } from '../../core/finding';
import type { ReviewResult } from '../../core/review';
import { summaryOf } from './json';
// Package text on a terminal: control characters escaped, our own colours kept.
import { escapeControls as safe } from '../../core/text';
import { append } from '../../core/append';

const COLOURS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', reset: '\x1b[0m' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Compiler-style lines: `file:line:col severity message [rule]`, then a summary. */
export function formatText(result: ReviewResult, options: { colour: boolean; showAccepted: boolean; changes?: string[] }): string {
  const c = (k: keyof typeof COLOURS, s: string): string => (options.colour ? COLOURS[k] + s + COLOURS.reset : s);
  const line = (f: Finding, suffix = ''): string => {
    const prefix = f.origin === 'workspace' || f.file === result.package ? '' : `${result.package}:`;
    const where = `${prefix}${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    return `${safe(where)} ${c(f.severity, f.severity)} ${safe(f.message)} ${c('dim', `[${f.rule}]`)}${safe(suffix)}`;
  };
  const out = result.findings.map((f) => line(f));
  if (options.showAccepted) {
    append(out, result.accepted.map((f) => line(f, c('dim', ` (accepted: ${f.accepted!.reason})`))));
  }
  for (const s of result.stale) {
    out.push(`.upgrade-inspector/review.json:${s.range.start.line + 1}:${s.range.start.character + 1} ${c('warning', 'warning')} stale acceptance: ${s.rule} at ${s.file}${s.line ? `:${s.line}` : ''} matches no finding any more; remove it from the ledger`);
  }
  append(out, result.notes.map((n) => c('dim', `note: ${safe(n)}`)));
  append(out, (options.changes ?? []).map((ch) => `fixed: ${ch}`));
  const s = summaryOf(result.findings);
  const accepted = result.accepted.length ? `, ${result.accepted.length} accepted` : '';
  out.push(`${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.info} info${accepted} in ${safe(result.package)}`);
  return out.join('\n') + '\n';
}
