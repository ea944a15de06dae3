/** The interface's script first, the other in brackets. */
export function displayName(nameAr: string, nameLatin: string, lang: 'en' | 'ar'): string {
  const [first, second] = lang === 'ar' ? [nameAr, nameLatin] : [nameLatin, nameAr];
  if (first && second) return `${first} (${second})`;
  return first || second;
}
