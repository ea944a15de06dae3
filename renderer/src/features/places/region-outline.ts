import { feature } from 'topojson-client';

/**
 * The country outlines the map draws: Syria and its neighbours, from Natural Earth's public-domain 1:50m data as
 * the world-atlas package ships it. It is part of the app (the page may fetch nothing), loaded the first time a
 * map is shown rather than with the app.
 */
export const REGION_MAP = 'athar-region';
export const HOME_COUNTRY = 'Syria';
const SHOWN = new Set(['Syria', 'Lebanon', 'Turkey', 'Iraq', 'Jordan', 'Israel', 'Palestine', 'Cyprus']);

type Topology = Parameters<typeof feature>[0];
type Outline = { type: 'FeatureCollection'; features: Array<{ properties: { name: string } }> };

let loading: Promise<Outline> | null = null;

export function regionOutline(): Promise<Outline> {
  loading ??= import('world-atlas/countries-50m.json').then((m) => {
    const topology = m.default as unknown as Topology;
    const all = feature(topology, topology.objects.countries!) as unknown as Outline;
    return { type: 'FeatureCollection', features: all.features.filter((f) => SHOWN.has(f.properties.name)) };
  });
  return loading;
}
