import { countPatterns } from '../../../shared/domain/patterns';
import { eventsByCase, incidentTies } from '../../../shared/domain/incidents';
import { CASE_KINDS, CASE_STATUSES, SEXES } from '../../../shared/domain/records';
import type { Case, DetentionEvent, Link, Person, Place } from '../../../shared/domain/records';
import { prng } from '../synthetic';
import { echarts } from '../../../renderer/src/components/echarts-setup';
import { mapOption, type MapPoint } from '../../../renderer/src/features/places/map-option';
import { REGION_MAP, regionOutline } from '../../../renderer/src/features/places/region-outline';
import { personFields } from '../../../shared/domain/new-record';

/**
 * Issue 16's statistics figure: the Patterns screen's counts over decrypted records held in memory (what the
 * screen has once it has read the vault), against a plain loop over the same records that only tallies events
 * by place and year and cases by status, so the ratio is what the counting rules cost.
 */
export function patterns(cases: number, eventsPerCase: number, facilities: number) {
  const rand = prng(16);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const stamp = '2026-01-01T00:00:00.000Z';
  const base = { createdAt: stamp, updatedAt: stamp, author: 'bench' };
  const places: Place[] = [];
  for (let g = 0; g < 14; g++)
    places.push({
      ...base,
      id: `gov-${g}`,
      kind: 'governorate',
      nameEn: `G${g}`,
      nameAr: `G${g}`,
      parentId: null,
      operatorEn: '',
      operatorAr: '',
      notes: '',
    });
  for (let f = 0; f < facilities; f++)
    places.push({
      ...base,
      id: `fac-${f}`,
      kind: 'facility',
      nameEn: `F${f}`,
      nameAr: `F${f}`,
      parentId: `gov-${f % 14}`,
      operatorEn: '',
      operatorAr: '',
      notes: '',
    });
  const persons: Person[] = [];
  const records: Case[] = [];
  const events: DetentionEvent[] = [];
  const day = (): DetentionEvent['date'] => {
    const r = rand();
    const year = 2011 + Math.floor(rand() * 10);
    const month = 1 + Math.floor(rand() * 12);
    if (r < 0.05) return null;
    if (r < 0.2) return { precision: 'year', year };
    if (r < 0.5) return { precision: 'month', year, month };
    return { precision: 'day', year, month, day: 1 + Math.floor(rand() * 28) };
  };
  for (let i = 0; i < cases; i++) {
    const pid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    persons.push({
      ...base,
      id: pid,
      role: 'subject',
      ...personFields({
        nameLatin: `P${i}`,
        sex: pick(SEXES),
        birthDate: { precision: 'year', year: 1950 + Math.floor(rand() * 55) },
        birthPlaceId: rand() < 0.8 ? `gov-${Math.floor(rand() * 14)}` : null,
        // One in a hundred is a duplicate merged into the person before.
        mergedInto: i > 0 && rand() < 0.01 ? `00000000-0000-4000-8000-${String(i - 1).padStart(12, '0')}` : null,
      }),
    });
    const cid = `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const status = pick(CASE_STATUSES);
    records.push({
      ...base,
      id: cid,
      reference: 'ATH-2026-0001',
      subjectId: pid,
      kind: pick(CASE_KINDS),
      status,
      statusHistory: [{ status, at: stamp, by: 'bench', reason: '' }],
      priority: 'normal',
      assignee: '',
      confidentiality: 'standard',
      tags: [],
      summary: { type: 'doc' },
    });
    const kinds: DetentionEvent['kind'][] = ['arrest', 'detention', 'transfer', 'sighting', 'release', 'death'];
    for (let e = 0; e < eventsPerCase; e++) {
      events.push({
        ...base,
        id: `20000000-0000-4000-8000-${String(i * eventsPerCase + e).padStart(12, '0')}`,
        caseId: cid,
        kind: e === 0 ? 'arrest' : pick(kinds),
        date: day(),
        placeId: `fac-${Math.floor(rand() * facilities)}`,
        description: '',
        persons: [],
        unitIds: [],
        sources: rand() < 0.5 ? [{ recordId: pid, reliability: '' }] : [],
      });
    }
  }
  const links: Link[] = [];

  const loops: number[] = [];
  let tallied = 0;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const tally = new Map<string, number>();
    for (const e of events) {
      const k = `${e.placeId}|${e.date ? (e.date.precision === 'range' ? e.date.from.year : e.date.year) : ''}`;
      tally.set(k, (tally.get(k) ?? 0) + 1);
    }
    const byStatus = new Map<string, number>();
    for (const c of records) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
    loops.push(performance.now() - t);
    tallied = tally.size + byStatus.size;
  }
  const plainLoopMs = Math.min(...loops);

  const input = {
    cases: records,
    persons: new Map(persons.map((p) => [p.id, p])),
    places: new Map(places.map((p) => [p.id, p])),
  };
  const runs: number[] = [];
  let people = 0;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const byCase = eventsByCase(events, incidentTies(links));
    const counts = countPatterns({ ...input, eventsByCase: byCase }, { granularity: 'quarter' });
    runs.push(performance.now() - t);
    people = counts.people.count;
  }
  const statsMs = Math.min(...runs);
  return {
    cases,
    events: events.length,
    facilities,
    people,
    tallied,
    plainLoopMs: Math.round(plainLoopMs),
    statsMs: Math.round(statsMs),
    statsRuns: runs.map(Math.round),
  };
}

/**
 * Issue 16's map figure: the places register's map with this many facilities, from creating the chart to its
 * first frame drawn, against the same map with the outlines alone, in the same run (the outlines are loaded once
 * before either, as the screen loads them once).
 */
export async function mapDraw(facilities: number) {
  const outline = await regionOutline();
  echarts.registerMap(REGION_MAP, outline as Parameters<typeof echarts.registerMap>[1]);
  const rand = prng(500);
  const points: MapPoint[] = Array.from({ length: facilities }, (_, i) => ({
    placeId: `fac-${i}`,
    name: `Facility ${i}`,
    lon: 36 + rand() * 6,
    lat: 32.5 + rand() * 4.5,
    held: Math.floor(rand() * 400),
  }));
  const draw = async (pts: MapPoint[]): Promise<number> => {
    const host = document.createElement('div');
    host.style.cssText = 'width:1000px;height:460px;direction:ltr';
    document.body.append(host);
    const t = performance.now();
    const c = echarts.init(host, undefined, { renderer: 'svg', height: 460 });
    const drawn = new Promise<void>((resolve) => c.on('finished', () => resolve()));
    c.setOption(mapOption(pts, { rtl: false, dark: false }));
    await drawn;
    const ms = performance.now() - t;
    c.dispose();
    host.remove();
    return ms;
  };
  const outlineRuns: number[] = [];
  const mapRuns: number[] = [];
  for (let r = 0; r < 3; r++) {
    outlineRuns.push(await draw([]));
    mapRuns.push(await draw(points));
  }
  return {
    facilities,
    mapMs: Math.round(Math.min(...mapRuns)),
    mapRuns: mapRuns.map(Math.round),
    outlineMs: Math.round(Math.min(...outlineRuns)),
  };
}
