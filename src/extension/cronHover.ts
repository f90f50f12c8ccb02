import * as vscode from 'vscode';
import { describeSchedule, parseCrontab } from '../core/scripts/cron';

/** Hover on a cron line (in a crontab, a unit-less cron.d file, or a heredoc in a script): the schedule in words. */
export class CronHover implements vscode.HoverProvider {
  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const line = doc.lineAt(pos.line).text;
    const systemWide = /cron\.d|crontab$/.test(doc.uri.path) && !/\/spool\//.test(doc.uri.path);
    const [entry] = parseCrontab(line, systemWide);
    if (!entry || pos.character < entry.column || pos.character > entry.column + entry.expression.length) {
      return undefined;
    }
    const { words, next } = describeSchedule(entry.expression, new Date());
    const md = new vscode.MarkdownString(`**${words}**${next ? `\n\nNext run: ${next.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}`);
    return new vscode.Hover(md, new vscode.Range(pos.line, entry.column, pos.line, entry.column + entry.expression.length));
  }
}
