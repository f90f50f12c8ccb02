import type { ScriptEnv } from './env';
import type { ScriptModel } from './model';
import { ScriptSession } from './session';
import { tooDeepModel, unparsedModel } from './limit';

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function sameMap(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

/**
 * The scripts of a package that is reviewed again and again (an unpacked package being edited): one session
 * per script, so a review re-parses only what changed, and the environment each script was last linted with,
 * so a re-lint as the user types can run the script rules alone.
 */
export class ScriptSessions {
  private readonly sessions = new Map<string, ScriptSession>();
  private readonly envs = new Map<string, { env: ScriptEnv; inventoryKey: string }>();

  /** The script's model for this text: the session's, updated, or a new session's. */
  async model(path: string, text: string): Promise<ScriptModel> {
    const unparsed = unparsedModel(path, text);
    if (unparsed) {
      this.forget(path);
      return unparsed;
    }
    try {
      const session = this.sessions.get(path);
      if (session) {
        return await session.update(text);
      }
      const opened = await ScriptSession.open(path, text);
      this.sessions.set(path, opened);
      return opened.model;
    } catch (e) {
      this.forget(path);
      return tooDeepModel(path, text, e);
    }
  }

  /** Drops a script's session and frees its trees: the next model of it starts afresh. */
  private forget(path: string): void {
    this.sessions.get(path)?.dispose();
    this.sessions.delete(path);
  }

  /**
   * The environment to lint a script with: the one it was last linted with when nothing in it changed (so
   * the findings kept per part stay valid), with the clock moved on; otherwise this one.
   */
  env(path: string, fresh: ScriptEnv, inventoryKey: string): ScriptEnv {
    const last = this.envs.get(path);
    const old = last?.env;
    if (
      old &&
      last.inventoryKey === inventoryKey &&
      old.reboot === fresh.reboot &&
      old.undoText === fresh.undoText &&
      old.isUndoScript === fresh.isUndoScript &&
      sameMap(old.packageText, fresh.packageText) &&
      sameSet(old.packageUnits, fresh.packageUnits)
    ) {
      // Only whole-script rules read these; the statement rules' cached answers stay valid.
      old.now = fresh.now;
      old.sourced = fresh.sourced;
      return old;
    }
    this.envs.set(path, { env: fresh, inventoryKey });
    return fresh;
  }

  /** The environment the script was last reviewed with, for a re-lint of that script alone. */
  lastEnv(path: string): ScriptEnv | undefined {
    return this.envs.get(path)?.env;
  }

  /** Forgets the scripts that are no longer in the package. */
  keepOnly(paths: ReadonlySet<string>): void {
    for (const [path, session] of this.sessions) {
      if (!paths.has(path)) {
        session.dispose();
        this.sessions.delete(path);
        this.envs.delete(path);
      }
    }
  }

  dispose(): void {
    this.keepOnly(new Set());
  }
}
