/** The commands that review (lint, matrix): a bundle of their own, loaded only when one of them runs. */
export { runLint } from './lint';
export { runMatrix } from './matrix';
export { runDiff } from './diff';
export { runCatNested, runLsRecursive } from './nested';
