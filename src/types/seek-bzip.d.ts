/** seek-bzip ships no types: the one function the review uses. */
declare module 'seek-bzip' {
  export function decode(input: Buffer, output?: Buffer | { writeByte(b: number): void }, multistream?: boolean): Buffer;
}
