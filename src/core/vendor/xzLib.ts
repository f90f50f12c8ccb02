/**
 * The xz decoder, bundled apart (dist/xz-lib.js) and loaded on first use: it loads Node's web streams, which
 * take ~14 ms to set up, and only a package with an .xz inside needs them.
 */
export { XzReadableStream } from 'xz-decompress';
