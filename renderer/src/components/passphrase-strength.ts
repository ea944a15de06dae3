import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

let factory: ZxcvbnFactory | null = null;

/** 0 (very weak) to 4 (strong): zxcvbn's estimate of guesses, against common-password lists. */
export function passphraseScore(passphrase: string): 0 | 1 | 2 | 3 | 4 {
  if (!passphrase) return 0;
  factory ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return factory.check(passphrase.slice(0, 200)).score;
}
