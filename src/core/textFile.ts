/**
 * A text file of the user's workspace, by its workspace-relative path. `latin1`: its bytes are not UTF-8 (a
 * Java .properties file is ISO-8859-1 by definition), so it was read one character per byte, and is written
 * back the same way: read as UTF-8, each such byte became U+FFFD and a fix wrote that over the user's text.
 */
export interface TextFile { path: string; text: string; latin1?: boolean }

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A file's bytes as text: UTF-8 when they are (a BOM kept as U+FEFF), otherwise one character per byte. */
export function decodeText(bytes: Uint8Array): { text: string; latin1?: boolean } {
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), latin1: true };
  }
}

/** The bytes to write for a file's new text, or undefined when its encoding cannot hold the text. */
export function encodeText(file: Pick<TextFile, 'latin1'>, text: string): Buffer | undefined {
  if (!file.latin1) {
    return Buffer.from(text, 'utf8');
  }
  return /[^\u0000-\u00ff]/.test(text) ? undefined : Buffer.from(text, 'latin1');
}
