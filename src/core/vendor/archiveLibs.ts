/** The tar reader and the zstd and bzip2 decoders, bundled apart (dist/archive-libs.js), loaded on first use. */
export * as tarStream from 'tar-stream';
export * as fzstd from 'fzstd';
export * as bzip2 from 'seek-bzip';
