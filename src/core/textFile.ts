/** A text file of the user's workspace, by its workspace-relative path. */
export interface TextFile { path: string; text: string }
