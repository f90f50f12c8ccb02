/** openpgp.js, bundled apart (dist/openpgp-lib.js): loaded only for a package that carries an OpenPGP signature. */
export * from 'openpgp';
