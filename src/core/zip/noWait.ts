import { constants } from 'node:fs';

/**
 * Flags to open a file for reading without waiting: a fifo that nothing writes would hold `open` for ever. The
 * caller checks with fstat that it opened a regular file before it reads (O_NONBLOCK changes nothing for one).
 */
export const OPEN_NO_WAIT = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
