import { analyseName } from './index';
import { skeletonsAgree } from './skeleton';

/**
 * Whether a place's names (both scripts, and any alias) answer what was typed: every word typed agrees, in the
 * cross-script skeleton, with the start of one of the names' words. "Sednaya", "Saydnaya", "sedn" and "صيدنايا"
 * all find the one prison.
 */
export function placeMatches(query: string, names: readonly string[]): boolean {
  const wanted = analyseName(query)
    .map((t) => t.skeleton)
    .filter(Boolean);
  if (!wanted.length) return true;
  const words = names.flatMap((n) => analyseName(n).map((t) => t.skeleton));
  return wanted.every((w) => words.some((s) => skeletonsAgree(w, s.slice(0, w.length))));
}
