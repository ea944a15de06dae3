import { Fragment, type ReactNode } from 'react';
import { nameTerms } from '../../search/search-index';
import { foldMixed, tokenize } from '@shared/names/index';

/**
 * Marks the words of a title or snippet that the search matched: a word is
 * marked when any of its forms (folded, skeleton, name group) is among the
 * matched index terms, so "Mohammed" lights up for a search for محمد.
 */
export function Highlight({ text, terms }: { text: string; terms: string[] }): ReactNode {
  if (!text) return null;
  const set = new Set(terms);
  const parts = text.split(/(\s+)/);
  return parts.map((part, i) => {
    const words = tokenize(foldMixed(part));
    const hit = words.some(
      (w) =>
        nameTerms(w).some((t) => set.has(t)) || terms.some((t) => !/^[~=]/.test(t) && t.length > 2 && w.startsWith(t)),
    );
    return hit ? <mark key={i}>{part}</mark> : <Fragment key={i}>{part}</Fragment>;
  });
}
