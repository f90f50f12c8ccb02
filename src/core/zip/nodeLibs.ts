/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Node's zlib and stream, loaded when an entry's data is first read: `ls` reads none, and loading both took
 * a few milliseconds of a listing that takes ~90.
 */
let zlib: typeof import('node:zlib') | undefined;
export function zlibModule(): typeof import('node:zlib') {
  zlib ??= require('node:zlib') as typeof import('node:zlib');
  return zlib;
}

let stream: typeof import('node:stream') | undefined;
export function streamModule(): typeof import('node:stream') {
  stream ??= require('node:stream') as typeof import('node:stream');
  return stream;
}
