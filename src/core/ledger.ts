import type { Finding, Range } from './finding';
import { applyEdits, modify } from 'jsonc-parser';
import { JsonDocument } from './json';

export const LEDGER_PATH = '.upgrade-inspector/review.json';

export interface LedgerEntry {
  rule: string;
  file: string;
  line?: number;
  reason: string;
  by?: string;
  date?: string;
  /** Where the entry stands in review.json, for pointing at it. */
  range: Range;
}

export interface Ledger { entries: LedgerEntry[]; problems: string[] }

export function parseLedger(text: string): Ledger {
  const doc = new JsonDocument(text, { comments: true });
  const problems = doc.syntaxErrors.map((e) => `${LEDGER_PATH}:${e.range.start.line + 1}: ${e.message}`);
  const accepted = (doc.value as { accepted?: unknown })?.accepted;
  const entries: LedgerEntry[] = [];
  if (doc.syntaxErrors.length === 0 && accepted !== undefined && !Array.isArray(accepted)) {
    problems.push(`${LEDGER_PATH}: "accepted" must be a list of {"rule", "file", "reason"}: nothing in it was accepted`);
  }
  if (Array.isArray(accepted)) {
    accepted.forEach((a, i) => {
      const e = a as Partial<LedgerEntry>;
      if (typeof e?.rule === 'string' && typeof e.file === 'string' && typeof e.reason === 'string') {
        entries.push({ rule: e.rule, file: e.file, line: typeof e.line === 'number' ? e.line : undefined, reason: e.reason, by: e.by, date: e.date, range: doc.valueRange(['accepted', i]) });
      } else {
        problems.push(`${LEDGER_PATH}: accepted[${i}] needs "rule", "file" and "reason"`);
      }
    });
  }
  return { entries, problems };
}

function matches(entry: LedgerEntry, f: Finding): boolean {
  return entry.rule === f.rule && entry.file === f.file && (entry.line === undefined || entry.line === f.range.start.line + 1);
}

/** Splits findings into open and accepted; ledger entries that match nothing are stale. */
export function applyLedger(findings: Finding[], ledger: Ledger | undefined): { open: Finding[]; accepted: Finding[]; stale: LedgerEntry[] } {
  if (!ledger || ledger.entries.length === 0) {
    return { open: findings, accepted: [], stale: [] };
  }
  const used = new Set<LedgerEntry>();
  const open: Finding[] = [];
  const accepted: Finding[] = [];
  findings.forEach((f) => {
    const entry = ledger.entries.find((e) => matches(e, f));
    if (entry) {
      used.add(entry);
      accepted.push({ ...f, accepted: { reason: entry.reason, by: entry.by, date: entry.date } });
    } else {
      open.push(f);
    }
  });
  return { open, accepted, stale: ledger.entries.filter((e) => !used.has(e)) };
}

/** The ledger text with one more accepted finding, edited in place so comments and order are kept. */
export function ledgerWithAcceptance(text: string | undefined, f: Finding, reason: string, by: string, date: string): string {
  const entry = { rule: f.rule, file: f.file, line: f.range.start.line + 1, reason, by, date };
  let base = text && text.trim() ? text : '{\n  "accepted": []\n}\n';
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };
  if (!new JsonDocument(base, { comments: true }).node(['accepted'])) {
    base = applyEdits(base, modify(base, ['accepted'], [], { formattingOptions }));
  }
  return applyEdits(base, modify(base, ['accepted', -1], entry, { formattingOptions, isArrayInsertion: true }));
}
