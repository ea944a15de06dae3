/**
 * Step 8: the most common names, each spelling mapped to one canonical form,
 * so names the skeleton cannot tell apart (محمد / محمود, حسن / حسين) stay
 * apart, and spellings it cannot join (Mhd) are joined. Keys are folded
 * tokens (looseArabic or latinFold, particles applied).
 */
const GROUPS: Array<[string, string[]]> = [
  ['muhammad', ['محمد', 'muhammad', 'mohammed', 'mohammad', 'mohamad', 'mohamed', 'muhammed', 'mohd', 'mhd', 'mhmd', 'mohamad', 'mouhammad']],
  ['mahmud', ['محمود', 'mahmoud', 'mahmud', 'mahmood']],
  ['ahmad', ['احمد', 'ahmad', 'ahmed', 'ahmet']],
  ['hasan', ['حسن', 'hasan', 'hassan', 'hasen']],
  ['husayn', ['حسين', 'hussein', 'husein', 'hussain', 'husain', 'hossein', 'husayn', 'houssein']],
  ['hassan-double', ['حسان', 'hassane', 'hasaan']],
  ['umar', ['عمر', 'omar', 'umar', 'omer']],
  ['amr', ['عمرو', 'amr', 'amro', 'amru']],
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
  ['nurdin', ['نوردين', 'nourdin', 'nurdin', 'noordin', 'nureddine', 'noureddine', 'nuraldin', 'nurddin', 'nourddin', 'nourldin']],
];

const INDEX = new Map<string, string>();
for (const [canonical, forms] of GROUPS) for (const f of forms) INDEX.set(f, canonical);

export function canonicalName(token: string): string | null {
  return INDEX.get(token) ?? null;
}
