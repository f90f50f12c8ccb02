/** The CLI's version: the same as the extension's (a test checks it against package.json). */
export const VERSION = '0.1.0';
