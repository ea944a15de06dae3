import { EMPTY_DOC, CASE_KINDS, CASE_STATUSES, PRIORITIES } from '@shared/domain/records';
import type { NewCaseInput, PersonInput } from '../../renderer/src/db/case-repository';

/**
 * Synthetic case files for tests and benchmarks: names are random pairings of
 * common given names (Arabic with a matching Latin spelling), never people
 * from any real list.
 */
export const GIVEN: Array<[string, string]> = [
  ['أحمد', 'Ahmad'],
  ['محمد', 'Mohammad'],
  ['خالد', 'Khaled'],
  ['عمر', 'Omar'],
  ['يوسف', 'Yousef'],
  ['سامر', 'Samer'],
  ['رامي', 'Rami'],
  ['باسل', 'Basel'],
  ['هدى', 'Huda'],
  ['ريم', 'Reem'],
  ['سلمى', 'Salma'],
  ['نور', 'Nour'],
  ['لينا', 'Lina'],
  ['مريم', 'Mariam'],
  ['فادي', 'Fadi'],
  ['وائل', 'Wael'],
  ['طارق', 'Tarek'],
  ['زياد', 'Ziad'],
  ['حسن', 'Hassan'],
  ['حسين', 'Hussein'],
  ['علي', 'Ali'],
  ['إبراهيم', 'Ibrahim'],
  ['مصطفى', 'Mustafa'],
  ['عبد الله', 'Abdullah'],
  ['عبد الرحمن', 'Abdul Rahman'],
  ['ماهر', 'Maher'],
  ['نبيل', 'Nabil'],
  ['جمال', 'Jamal'],
  ['كمال', 'Kamal'],
  ['أيمن', 'Ayman'],
  ['أمين', 'Amin'],
  ['بشار', 'Bashar'],
  ['معاذ', 'Muath'],
  ['أنس', 'Anas'],
  ['قصي', 'Qusai'],
  ['هيثم', 'Haitham'],
  ['فاطمة', 'Fatima'],
  ['زينب', 'Zainab'],
  ['عائشة', 'Aisha'],
  ['رنا', 'Rana'],
  ['هبة', 'Hiba'],
  ['غادة', 'Ghada'],
  ['ليلى', 'Layla'],
  ['سعاد', 'Suad'],
  ['رزان', 'Razan'],
  ['عبير', 'Abeer'],
  ['تغريد', 'Taghrid'],
  ['ياسر', 'Yasser'],
];
export const FAMILY: Array<[string, string]> = [
  ['الحسن', 'al-Hasan'],
  ['الخطيب', 'al-Khatib'],
  ['النجار', 'al-Najjar'],
  ['الحلبي', 'al-Halabi'],
  ['الشامي', 'al-Shami'],
  ['العلي', 'al-Ali'],
  ['السيد', 'al-Sayed'],
  ['الأسعد', 'al-Asaad'],
  ['الحمصي', 'al-Homsi'],
  ['الديري', 'al-Deiri'],
  ['الحداد', 'al-Haddad'],
  ['المصري', 'al-Masri'],
  ['الزعبي', 'al-Zoubi'],
  ['الحلو', 'al-Helou'],
  ['الكردي', 'al-Kurdi'],
  ['البيطار', 'al-Bitar'],
  ['الدباغ', 'al-Dabbagh'],
  ['الحمود', 'al-Hammoud'],
  ['الناصر', 'al-Nasser'],
  ['الرفاعي', 'al-Rifai'],
  ['الجاسم', 'al-Jassem'],
  ['الشيخ', 'al-Sheikh'],
  ['الموسى', 'al-Mousa'],
  ['القدسي', 'al-Qudsi'],
  ['الصالح', 'al-Saleh'],
  ['الخوري', 'al-Khoury'],
  ['الحسين', 'al-Hussein'],
  ['أبو خليل', 'Abu Khalil'],
  ['الطويل', 'al-Tawil'],
  ['الحريري', 'al-Hariri'],
  ['العبد', 'al-Abed'],
  ['الجندي', 'al-Jundi'],
  ['الرحال', 'al-Rahhal'],
  ['الشمري', 'al-Shammari'],
  ['العثمان', 'al-Othman'],
  ['الدروبي', 'al-Droubi'],
  ['البكري', 'al-Bakri'],
  ['العيسى', 'al-Issa'],
  ['النعيمي', 'al-Nuaimi'],
  ['الحوراني', 'al-Hourani'],
];

/** A small deterministic PRNG so runs are comparable. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticCase(rand: () => number, at: string): { input: NewCaseInput; subject: PersonInput } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const [gAr, gLa] = pick(GIVEN);
  const [fAr, fLa] = pick(GIVEN);
  const [lAr, lLa] = pick(FAMILY);
  const [mAr] = pick(GIVEN);
  const status = pick(CASE_STATUSES);
  return {
    input: {
      kind: pick(CASE_KINDS),
      status,
      priority: pick(PRIORITIES),
      assignee: pick(['Caseworker A', 'Caseworker B', 'Caseworker C', '']),
      confidentiality: 'restricted',
      tags: rand() < 0.3 ? [pick(['homs-2012', 'aleppo-2013', 'checkpoint', 'university'])] : [],
      summary: EMPTY_DOC,
      statusHistory: [{ status, at, by: 'bench', reason: 'Synthetic record' }],
    },
    subject: {
      nameAr: `${gAr} ${fAr} ${lAr}`,
      nameLatin: `${gLa} ${fLa} ${lLa}`,
      aliases: [],
      fatherName: fAr,
      motherName: mAr,
      sex: 'unknown',
      birthDate: { precision: 'year', year: 1950 + Math.floor(rand() * 55) },
      birthPlaceId: null,
      ids: [],
      nationality: 'Syrian',
      occupation: '',
      description: '',
      rank: '',
      sanctionsRefs: [],
      memberships: [],
      protectionLevel: 'none',
      pseudonym: '',
      mergedInto: null,
    },
  };
}
