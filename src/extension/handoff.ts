/**
 * The open packages carried across the one reload Add Package to Workspace causes: a window with a single
 * folder becomes an untitled multi-root workspace, whose workspace state starts empty. Before that, the list
 * is left in the global state with the time; the new window takes it if it is fresh, once. No vscode import:
 * unit-tested in plain Node.
 */
export interface Handoff {
  packages: string[];
  at: number;
}

/** How long a handoff waits for the window it was left for. */
export const HANDOFF_MS = 120_000;

/** The packages of a handoff left less than HANDOFF_MS ago; nothing for anything else. */
export function takeHandoff(value: unknown, now: number): string[] {
  const h = value as Partial<Handoff> | undefined;
  if (!h || typeof h.at !== 'number' || !Array.isArray(h.packages) || now - h.at < 0 || now - h.at > HANDOFF_MS) {
    return [];
  }
  return h.packages.filter((p): p is string => typeof p === 'string');
}
