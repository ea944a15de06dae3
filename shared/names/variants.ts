/**
 * Step 8: the most common names, each spelling mapped to one canonical form,
 * so names the skeleton cannot tell apart (محمد / محمود, حسن / حسين) stay
 * apart, and spellings it cannot join (Mhd) are joined. Keys are folded
 * tokens (looseArabic or latinFold, particles applied).
 */
const GROUPS: Array<[string, string[]]> = [
  [
    'muhammad',
    [
      'محمد',
      'muhammad',
      'mohammed',
      'mohammad',
      'mohamad',
      'mohamed',
      'muhammed',
      'mohd',
      'mhd',
      'mhmd',
      'mohamad',
      'mouhammad',
    ],
  ],
  ['mahmud', ['محمود', 'mahmoud', 'mahmud', 'mahmood']],
  ['ahmad', ['احمد', 'ahmad', 'ahmed', 'ahmet']],
  ['hasan', ['حسن', 'hasan', 'hassan', 'hasen']],
  ['husayn', ['حسين', 'hussein', 'husein', 'hussain', 'husain', 'hossein', 'husayn', 'houssein']],
  // "Hassan" is written for both حسن and حسان: it belongs to both groups, so it can match either but never proves which.
  ['hassan-double', ['حسان', 'hassan', 'hassane', 'hasaan']],
  ['umar', ['عمر', 'omar', 'umar', 'omer']],
  ['amr', ['عمرو', 'amr', 'amro', 'amru']],
  // Two names a dropped shadda would make one: حمد is a name of its own, so Hamad is never حمّاد.
  ['hamad', ['حمد', 'hamad']],
  ['hammad', ['حماد', 'hammad', 'hamaad']],
  ['amin', ['امين', 'amin', 'ameen', 'amine']],
  ['ayman', ['ايمن', 'ayman', 'aiman', 'eyman']],
  ['jamal', ['جمال', 'jamal', 'jamaal', 'gamal']],
  ['kamal', ['كمال', 'kamal', 'kamaal']],
  ['fatima', ['فاطمه', 'fatima', 'fatma', 'fatimah', 'fatmeh', 'fatme']],
  ['khalid', ['خالد', 'khaled', 'khalid', 'khaleed']],
  ['yusuf', ['يوسف', 'yousef', 'yusuf', 'youssef', 'yousif', 'yosef', 'joseph']],
  ['ibrahim', ['ابراهيم', 'ibrahim', 'ebrahim', 'ibraheem', 'brahim']],
  ['mustafa', ['مصطفي', 'mustafa', 'moustafa', 'mostafa', 'mustapha']],
  ['abdrahman', ['عبدرحمن', 'abdrahman', 'abdrahmane', 'abdurahman']],
  ['abdlah', ['عبدله', 'abdlah']],
  ['said', ['سعيد', 'said', 'saeed', 'saied', 'sayeed']],
  ['saad', ['سعد', 'saad', 'sad', 'saad']],
  ['yunus', ['يونس', 'yunus', 'younes', 'younis', 'yunis', 'younus']],
  ['sami', ['سامي', 'sami', 'samy', 'sammy']],
  ['samir', ['سمير', 'samir', 'sameer', 'smir']],
  // Not "sameer": a written ee is the long ī of سمير, which سامر has not.
  ['samer', ['سامر', 'samer', 'samir']],
  ['samira', ['سميره', 'samira', 'sameera', 'samirah']],
  ['wail', ['وايل', 'wael', 'wail', 'wa-il', 'wayel']],
  ['walid', ['وليد', 'walid', 'waleed', 'oualid', 'walied']],
  ['karim', ['كريم', 'karim', 'kareem', 'kerim', 'krim']],
  ['rahim', ['رحيم', 'rahim', 'raheem']],
  ['yasir', ['ياسر', 'yasser', 'yasir', 'yaser']],
  ['yasin', ['ياسين', 'yassin', 'yasin', 'yaseen', 'yassine']],
  ['rana', ['رنا', 'rana']],
  ['rasha', ['رشا', 'rasha', 'racha']],
  ['hiba', ['هبه', 'hiba', 'heba', 'hibah', 'hebah']],
  ['hala', ['هاله', 'hala', 'halah']],
  [
    'nurdin',
    [
      'نوردين',
      'nourdin',
      'nurdin',
      'noordin',
      'nureddine',
      'noureddine',
      'nuraldin',
      'nurddin',
      'nourddin',
      'nourldin',
    ],
  ],
];

const INDEX = new Map<string, string[]>();
for (const [canonical, forms] of GROUPS)
  for (const f of forms) INDEX.set(f, [...new Set([...(INDEX.get(f) ?? []), canonical])]);

/** Every common-name group this spelling may stand for: one for most, two for ambiguous Latin spellings like "Hassan". */
export function canonicalNames(token: string): string[] {
  return INDEX.get(token) ?? [];
}

/** The first group, as a stable comparison key. */
export function canonicalName(token: string): string | null {
  return INDEX.get(token)?.[0] ?? null;
}
