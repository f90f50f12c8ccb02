import { escapeControls } from './text';
import type { Finding, Severity } from './finding';
import type { ReviewResult } from './review';
import { matrixMarkdownTable } from './compat/matrixTable';
import { append } from './append';

const TITLES: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Information' };

function cell(s: string): string {
  return escapeControls(s).replace(/\|/g, '\\|');
}

function findingRows(findings: readonly Finding[], withReason = false): string[] {
  return [
    `| rule | where | message${withReason ? ' | accepted because' : ''} |`,
    `|---|---|---${withReason ? '|---' : ''}|`,
    ...findings.map((f) => `| \`${f.rule}\` | ${f.origin === 'workspace' ? '(workspace) ' : ''}${cell(f.file)}:${f.range.start.line + 1} | ${cell(f.message)}${withReason ? ` | ${cell(f.accepted?.reason ?? '')}${f.accepted?.by ? ` (${cell(f.accepted.by)})` : ''}` : ''} |`),
  ];
}

/** The review as a Markdown document for the change ticket. */
export function reviewReport(result: ReviewResult, generated: Date): string {
  const m = result.manifest;
  const all = [...result.findings, ...result.accepted];
  const has = (rule: string): Finding[] => all.filter((f) => f.rule === rule);
  const out: string[] = [`# Upgrade review: ${escapeControls(result.package)}`, ''];
  out.push(`Generated ${generated.toISOString().slice(0, 16).replace('T', ' ')} UTC by upgrade-inspector.`, '');
  if (m) {
    out.push(`- **Product:** ${m.name ?? '?'} ${m.version ?? '?'}${m.data.vendor ? ` from ${String(m.data.vendor)}` : ''}${m.data.releaseDate ? `, released ${String(m.data.releaseDate)}` : ''}`);
  }
  const s = result.signer;
  const trust = !s ? 'not checked' : s.verdict === 'missing' ? '**unsigned**' : s.verdict === 'trusted' ? 'signature valid, chain trusted' : s.verdict === 'invalid' ? '**signature does not verify**' : `signature valid, **root not trusted** (fingerprint \`${s.rootFingerprint}\`: confirm with the vendor)`;
  out.push(`- **Signer:** ${s?.subject || '—'}${s?.issuer ? `, issued by ${s.issuer}` : ''}: ${trust}`);
  const count = (sev: Severity): number => result.findings.filter((f) => f.severity === sev).length;
  out.push(`- **Findings:** ${count('error')} errors, ${count('warning')} warnings, ${count('info')} info; ${result.accepted.length} accepted`, '');
  out.push('## Compatibility', '');
  out.push(result.matrix ? matrixMarkdownTable(result.matrix) : '_No inventory: compatibility was not checked._', '');
  out.push('## Checklist', '');
  const downtime = m?.downtimeMinutes;
  const reboot = m?.reboot;
  const rollback = m?.scripts.rollback;
  const effects = has('script/external-side-effect');
  const crons = has('script/cron-job');
  out.push(`- [ ] Downtime: the vendor estimates ${downtime !== undefined ? `${downtime} minutes` : 'nothing'}; the window allows for rehearsal findings, a rollback and buffer`);
  out.push(`- [ ] Reboot: the manifest says ${reboot === undefined ? 'nothing' : `\`${JSON.stringify(reboot)}\``}${typeof reboot !== 'boolean' ? ' — plan the window as if a reboot is required' : ''}`);
  out.push(`- [${rollback ? 'x' : ' '}] Rollback script ${rollback ? `present (\`${rollback}\`); rehearse it` : '**missing**: the only way back is a snapshot'}`);
  out.push(`- [ ] Side effects to clean up after a rollback: ${effects.length ? '' : 'none found'}`);
  append(out, effects.map((f) => `  - [ ] ${cell(f.summary ?? f.message)} (${cell(f.file)}:${f.range.start.line + 1})`));
  out.push(`- [ ] Scheduled jobs installed: ${crons.length ? '' : 'none found'}`);
  append(out, crons.map((f) => `  - [ ] ${cell(f.message)} (${cell(f.file)}:${f.range.start.line + 1})`));
  out.push('');
  for (const sev of ['error', 'warning', 'info'] as Severity[]) {
    const list = result.findings.filter((f) => f.severity === sev);
    if (list.length) {
      append(out, [`## ${TITLES[sev]} (${list.length})`, '', ...findingRows(list), '']);
    }
  }
  if (result.accepted.length) {
    append(out, [`## Accepted (${result.accepted.length})`, '', ...findingRows(result.accepted, true), '']);
  }
  if (result.stale.length) {
    append(out, ['## Stale acceptances', '', ...result.stale.map((e) => `- \`${e.rule}\` at ${e.file}${e.line ? `:${e.line}` : ''} matches no finding any more`), '']);
  }
  if (result.notes.length) {
    append(out, ['## Notes', '', ...result.notes.map((n) => `- ${n}`), '']);
  }
  return out.join('\n');
}
