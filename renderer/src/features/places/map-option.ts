import type { EChartsCoreOption } from '../../components/echarts-setup';
import { HOME_COUNTRY, REGION_MAP } from './region-outline';

export interface MapPoint {
  placeId: string;
  name: string;
  lon: number;
  lat: number;
  held: number;
}

/** A marker's size grows with the square root of the people held there, so its area, not its width, is the count. */
export function markerSize(held: number): number {
  return Math.min(48, 8 + 4 * Math.sqrt(held));
}

/**
 * The map: the region's outlines framed on Syria, and one marker per place with coordinates. Labels sit after the
 * marker in the reading direction (to the left in Arabic); the library shapes Arabic text itself.
 */
export function mapOption(points: readonly MapPoint[], opts: { rtl: boolean; dark: boolean }): EChartsCoreOption {
  const ink = opts.dark ? '#e9ecef' : '#212529';
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: ink, fontFamily: 'system-ui, "Noto Sans Arabic", "Noto Sans", sans-serif' },
    tooltip: { trigger: 'item' },
    geo: {
      map: REGION_MAP,
      roam: true,
      // Syria's extent, with a margin: the neighbours are context.
      boundingCoords: [
        [35.4, 37.6],
        [42.6, 32.2],
      ],
      itemStyle: { areaColor: opts.dark ? '#2c2e33' : '#f1f3f5', borderColor: opts.dark ? '#5c5f66' : '#adb5bd' },
      regions: [{ name: HOME_COUNTRY, itemStyle: { areaColor: opts.dark ? '#373a40' : '#e9ecef', borderColor: ink } }],
      emphasis: { disabled: true },
      select: { disabled: true },
      tooltip: { show: false },
    },
    series: [
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        data: points.map((p) => ({ name: p.name, value: [p.lon, p.lat, p.held], placeId: p.placeId })),
        symbolSize: (v: number[]) => markerSize(v[2] ?? 0),
        itemStyle: { color: '#c92a2a', opacity: 0.75, borderColor: '#fff', borderWidth: 1 },
        label: { show: true, formatter: '{b}', position: opts.rtl ? 'left' : 'right', color: ink, fontSize: 11 },
        labelLayout: { hideOverlap: true },
        tooltip: { formatter: (p: { name: string; value: number[] }) => `${p.name}: ${p.value[2]}` },
      },
    ],
  };
}
