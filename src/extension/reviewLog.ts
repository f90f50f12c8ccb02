import * as vscode from 'vscode';
import type { ReviewResult } from '../core/review';

/** The Output channel "Upgrade Inspector": what each review did, and what it could not do. */
export class ReviewLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Upgrade Inspector');
  /** The last lines written, for the API (tests read what a user reads in the channel). */
  readonly recent: string[] = [];

  line(text: string): void {
    const stamped = `[${new Date().toISOString().slice(11, 19)}] ${text}`;
    this.channel.appendLine(stamped);
    this.recent.push(stamped);
    if (this.recent.length > 200) {
      this.recent.shift();
    }
  }

  reviewed(name: string, result: ReviewResult, ms: number): void {
    const count = (s: string): number => result.findings.filter((f) => f.severity === s).reduce((n, f) => n + (f.group?.count ?? 1), 0);
    this.line(`reviewed ${name} in ${Math.round(ms)} ms: ${count('error')} errors, ${count('warning')} warnings, ${count('info')} info, ${result.accepted.length} accepted`);
    for (const note of result.notes) {
      this.line(`  not checked: ${note}`);
    }
  }

  dispose(): void {
    this.channel.dispose();
  }
}
