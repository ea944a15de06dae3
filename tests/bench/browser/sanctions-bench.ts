import { SaxesParser } from 'saxes';
import { personSchema, type Person } from '@shared/domain/records';
import { parseList } from '@shared/sanctions/read-list';
import { designationId } from '@shared/sanctions/designation-id';
import { designationProfiles, perpetratorProfile, proposeMatches } from '@shared/sanctions/designation-match';
import { scorePair } from '@shared/names/person-match';
import { readSanctionsList } from '../../../renderer/src/features/sanctions/read-sanctions-list';
import { FAMILY, GIVEN, prng } from '../synthetic';

/**
 * Issue 17's figures: importing a synthetic SDN-format XML of 100 MB, beside a plain streaming parse of the same
 * bytes (saxes counting elements, nothing kept), time and peak heap growth; and matching 20,000 designations
 * against 10,000 perpetrators, beside scoring every pair of a sample by brute force.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function entry(i: number, rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const [, given] = pick(GIVEN);
  const [, family] = pick(FAMILY);
  const [, father] = pick(GIVEN);
  const y = 1940 + Math.floor(rand() * 50);
  const aka = Array.from(
    { length: 1 + Math.floor(rand() * 4) },
    (_, k) =>
      `<aka><uid>${i * 10 + k}</uid><type>a.k.a.</type><category>${k % 2 ? 'weak' : 'strong'}</category><lastName>${esc(family.toUpperCase())}</lastName><firstName>${esc(`${pick(GIVEN)[1]} ${father}`)}</firstName></aka>`,
  ).join('');
  return `<sdnEntry><uid>${i}</uid><firstName>${esc(`${given} ${father}`)}</firstName><lastName>${esc(family.toUpperCase())}</lastName><title>Synthetic benchmark entry ${i}</title><sdnType>Individual</sdnType><remarks>Synthetic benchmark entry; not a real person. Additional Sanctions Information - Subject to Secondary Sanctions.</remarks><programList><program>SYRIA</program><program>SDGT</program></programList><idList><id><uid>${i}1</uid><idType>Passport</idType><idNumber>N${String(i).padStart(7, '0')}</idNumber><idCountry>Syria</idCountry></id><id><uid>${i}2</uid><idType>National ID No.</idType><idNumber>${1000000 + i}</idNumber><idCountry>Syria</idCountry></id></idList><akaList>${aka}</akaList><addressList><address><uid>${i}3</uid><address1>Street ${i % 500}</address1><city>Testville</city><country>Syria</country></address></addressList><nationalityList><nationality><uid>${i}4</uid><country>Syria</country><mainEntry>true</mainEntry></nationality></nationalityList><dateOfBirthList><dateOfBirthItem><uid>${i}5</uid><dateOfBirth>${1 + Math.floor(rand() * 28)} ${pick(MONTHS)} ${y}</dateOfBirth><mainEntry>true</mainEntry></dateOfBirthItem><dateOfBirthItem><uid>${i}6</uid><dateOfBirth>${y + 1}</dateOfBirth><mainEntry>false</mainEntry></dateOfBirthItem></dateOfBirthList><placeOfBirthList><placeOfBirthItem><uid>${i}7</uid><placeOfBirth>Testville, Syria</placeOfBirth><mainEntry>true</mainEntry></placeOfBirthItem></placeOfBirthList></sdnEntry>\n`;
}

/** A synthetic sdn.xml of about `bytes`, in parts of about a megabyte so no one string holds it all. */
function syntheticSdn(bytes: number): { blob: Blob; entries: number } {
  const rand = prng(17);
  const parts: string[] = [
    '<?xml version="1.0" standalone="yes"?>\n<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"><publshInformation><Publish_Date>11/28/2026</Publish_Date><Record_Count>0</Record_Count></publshInformation>\n',
  ];
  let size = parts[0]!.length;
  let i = 0;
  let part = '';
  while (size < bytes) {
    const e = entry(++i, rand);
    part += e;
    size += e.length;
    if (part.length > 1_000_000) {
      parts.push(part);
      part = '';
    }
  }
  parts.push(part, '</sdnList>\n');
  return { blob: new Blob(parts, { type: 'text/xml' }), entries: i };
}

async function* textOf(blob: Blob): AsyncIterable<string> {
  const reader = blob.stream().getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    yield decoder.decode(value, { stream: true });
  }
}

const heap = (): number =>
  (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;

/** Runs `work` and samples the page's heap every 20 ms: the peak above where it started, in MiB. */
async function measured<T>(work: () => Promise<T>): Promise<{ ms: number; peakMiB: number; value: T }> {
  (window as unknown as { gc?: () => void }).gc?.();
  const start = heap();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, heap())), 20);
  const t0 = performance.now();
  const value = await work();
  const ms = Math.round(performance.now() - t0);
  clearInterval(timer);
  peak = Math.max(peak, heap());
  return { ms, peakMiB: Math.round((peak - start) / 1048576), value };
}

export async function sanctionsImport(mib: number): Promise<Record<string, number>> {
  const { blob, entries } = syntheticSdn(mib * 1048576);
  const plain = await measured(async () => {
    const p = new SaxesParser({ xmlns: true, position: true });
    let n = 0;
    p.on('opentag', () => n++);
    for await (const chunk of textOf(blob)) p.write(chunk);
    p.close();
    return n;
  });
  const athar = await measured(() => parseList({ format: 'ofac-sdn-xml', chunks: textOf(blob) }));
  const file = new File([blob], 'sdn.xml', { type: 'text/xml' });
  const worker = await measured(() => readSanctionsList([file]));
  if (!worker.value.ok || athar.value.designations.length !== entries)
    throw new Error('the benchmark list was refused');
  return {
    mib: Math.round(blob.size / 1048576),
    entries,
    plainMs: plain.ms,
    plainPeakMiB: plain.peakMiB,
    atharMs: athar.ms,
    atharPeakMiB: athar.peakMiB,
    workerMs: worker.ms,
    workerPagePeakMiB: worker.peakMiB,
  };
}

export function sanctionsMatch(nDesignations: number, nPerpetrators: number): Record<string, number> {
  const rand = prng(29);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const at = '2026-01-01T00:00:00.000Z';
  const perpetrators: Person[] = Array.from({ length: nPerpetrators }, (_, i) => {
    const [gAr, gLa] = pick(GIVEN);
    const [fAr, fLa] = pick(GIVEN);
    const [lAr, lLa] = pick(FAMILY);
    return personSchema.parse({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      role: 'perpetrator',
      nameAr: `${gAr} ${fAr} ${lAr}`,
      nameLatin: `${gLa} ${fLa} ${lLa}`,
      birthDate: { precision: 'year', year: 1940 + Math.floor(rand() * 50) },
      createdAt: at,
      updatedAt: at,
      author: 'bench',
    });
  });
  const designations = Array.from({ length: nDesignations }, (_, i) => {
    const [gAr, gLa] = pick(GIVEN);
    const [, fLa] = pick(GIVEN);
    const [lAr, lLa] = pick(FAMILY);
    const y = 1940 + Math.floor(rand() * 50);
    return {
      id: designationId('us', String(i)),
      authority: 'us' as const,
      ref: String(i),
      kind: 'person' as const,
      names: [
        {
          full: `${gLa} ${fLa} ${lLa.toUpperCase()}`,
          type: 'primary' as const,
          strength: null,
          script: 'latin' as const,
        },
        { full: `${gAr} ${lAr}`, type: 'alias' as const, strength: 'strong' as const, script: 'arabic' as const },
      ],
      birthDates: [{ text: String(y), date: { precision: 'year' as const, year: y } }],
      birthPlaces: [],
      nationalities: ['Syria'],
      documents: [{ kind: 'passport' as const, number: `N${i}`, country: 'Syria', note: '' }],
      addresses: [],
      programmes: ['SYRIA'],
      positions: [],
      gender: null,
      listedOn: null,
      reasons: '',
      remarks: '',
    };
  });
  const t0 = performance.now();
  const proposals = proposeMatches(designations, perpetrators);
  const ms = performance.now() - t0;
  // Brute force on a sample: every perpetrator scored against each of 100 designations, scaled up.
  const sample = designations.slice(0, 100);
  const profiles = perpetrators.map(perpetratorProfile);
  const t1 = performance.now();
  let kept = 0;
  for (const d of sample)
    for (const profile of designationProfiles(d))
      for (const p of profiles) if (scorePair(profile, p).band !== 'dropped') kept++;
  const bruteMs = ((performance.now() - t1) * nDesignations) / sample.length;
  return {
    designations: nDesignations,
    perpetrators: nPerpetrators,
    ms: Math.round(ms),
    proposals: proposals.length,
    designationsPerSecond: Math.round(nDesignations / (ms / 1000)),
    proposalsPerSecond: Math.round(proposals.length / (ms / 1000)),
    bruteForceMsExtrapolated: Math.round(bruteMs),
    bruteForceSampleKept: kept,
  };
}
