/**
 * The two Encoding API classes every runtime Athar targets (Chromium, Node)
 * provides. Declared here so shared/ can use them without pulling in the DOM
 * or node type libraries, which would let real platform APIs slip in.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
