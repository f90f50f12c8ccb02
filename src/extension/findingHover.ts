import * as vscode from 'vscode';
import { COMMANDS, SOURCE } from './constants';
import { findingOf } from './diagnostics';

/**
 * "Accept finding…" where the finding is, in every editor: read-only package files have no lightbulb and
 * Ctrl+. offers nothing there, so the hover over a finding carries the action as a command link.
 */
export class FindingHover implements vscode.HoverProvider {
  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const here = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE && d.range.contains(position));
    const links = here.flatMap((d) => {
      const f = findingOf.get(d);
      if (!f) {
        return [];
      }
      const args = encodeURIComponent(JSON.stringify([f]));
      return [`[Accept finding ${f.rule}…](command:${COMMANDS.acceptFinding}?${args} "Record why this is acceptable in .upgrade-inspector/review.json")`];
    });
    if (links.length === 0) {
      return undefined;
    }
    const md = new vscode.MarkdownString(links.join('  \n'));
    md.isTrusted = { enabledCommands: [COMMANDS.acceptFinding] };
    return new vscode.Hover(md, here[0].range);
  }
}
