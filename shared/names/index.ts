import { foldMixed, isArabic, tokenize } from './normalize';
import { applyParticles } from './particles';
import { arabicSkeleton, latinSkeleton } from './skeleton';
import { canonicalName, canonicalNames } from './variants';

export { baseForm, strictKey, looseArabic, latinFold, foldMixed, tokenize } from './normalize';

/** One name part after normalisation, with the keys used to find and compare it. */
/** Shared between callers through a cache: treat as read-only. */
export interface AnalysedToken {
  /** The folded form (looseArabic for Arabic, latinFold for Latin), particles applied, article removed. */
  folded: string;
  /** True when an article (ال, al-, el-) was removed: "al-Hasan" and "Hasan" compare equal. */
  hadArticle: boolean;
  /** Cross-script skeleton: for finding candidates only. */
  skeleton: string;
  /** The common-name group, when the token is one of them. */
  canonical: string | null;
  /** Every common-name group the token may stand for (two for an ambiguous Latin spelling). */
  canonicals: string[];
  /** The skeleton with a glued "al"/"el" kept, when it was taken for an article (Alwan): compared too. */
  gluedSkeleton?: string;
}

/**
 * Analyses a full name in either script: "محمد عبد الرحمن الحسن",
 * "Mhd Abd al-Rahman el Hasan" and "Muhammad Abdelrahman Alhasan" give the
 * same skeletons and canonical names.
 */
export function analyseName(raw: string): readonly AnalysedToken[] {
  // Names repeat (a vault of 100,000 holds a few thousand distinct ones): analyse each once.
  const hit = CACHE.get(raw);
  if (hit) return hit;
  const out = analyse(raw);
  if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
  CACHE.set(raw, out);
  return out;
}

const CACHE = new Map<string, readonly AnalysedToken[]>();
const CACHE_LIMIT = 200_000;

function analyse(raw: string): readonly AnalysedToken[] {
  return applyParticles(tokenize(foldMixed(raw))).map(({ text, hadArticle, glued }) => {
    const ar = isArabic(text);
    const token: AnalysedToken = {
      folded: text,
      hadArticle,
      skeleton: ar ? arabicSkeleton(text) : latinSkeleton(text),
      canonical: canonicalName(text),
      canonicals: canonicalNames(text),
    };
    if (glued) token.gluedSkeleton = latinSkeleton(glued);
    return token;
  });
}

/** The skeleton key of a whole name: its tokens' skeletons joined, for blocking and candidate search. */
export function nameSkeleton(raw: string): string {
  return analyseName(raw)
    .map((t) => t.skeleton)
    .filter(Boolean)
    .join(' ');
}

/** A comparison key per token: the canonical common name where known, else the skeleton. */
export function matchKeys(raw: string): string[] {
  return analyseName(raw)
    .map((t) => t.canonical ?? t.skeleton)
    .filter(Boolean);
}
