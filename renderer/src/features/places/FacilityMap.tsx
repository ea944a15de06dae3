import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Text, useComputedColorScheme } from '@mantine/core';
import type { Place } from '@shared/domain/records';
import { echarts } from '../../components/echarts-setup';
import { useEchart } from '../../components/use-echart';
import { placeLabel } from '../../components/place-label';
import { useSettings } from '../../settings/settings-store';
import { mapOption, type MapPoint } from './map-option';
import { REGION_MAP, regionOutline } from './region-outline';

const HEIGHT = 460;

/**
 * The places with coordinates on a map drawn from shipped outlines (no tiles: the page may reach no server),
 * each a marker sized by how many people were held there; a click opens the place's page. The register's table
 * below it holds the same places as text, for screen readers and the keyboard.
 */
export function FacilityMap({ rows }: { rows: ReadonlyArray<{ place: Place; held: number }> }): ReactNode {
  const { t } = useTranslation();
  const { language } = useSettings();
  const navigate = useNavigate();
  const scheme = useComputedColorScheme('light');
  const host = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const points: MapPoint[] = rows.flatMap(({ place, held }) =>
    place.coordinates
      ? [
          {
            placeId: place.id,
            // One script on the map, the reader's: both would crowd it. The list below has both.
            name: (language === 'ar' ? place.nameAr : place.nameEn) || placeLabel(place, language, place.id),
            lon: place.coordinates.lon,
            lat: place.coordinates.lat,
            held,
          },
        ]
      : [],
  );
  const unplaced = rows.length - points.length;

  useEffect(() => {
    let live = true;
    regionOutline().then(
      (outline) => {
        if (!live) return;
        echarts.registerMap(REGION_MAP, outline as Parameters<typeof echarts.registerMap>[1]);
        setReady(true);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  // SVG: each marker is an element of the page, which a test (or a later keyboard layer) can find.
  useEchart(host, mapOption(points, { rtl: language === 'ar', dark: scheme === 'dark' }), {
    renderer: 'svg',
    height: HEIGHT,
    enabled: ready,
    onClick: (p) => {
      const id = (p.data as { placeId?: string } | undefined)?.placeId;
      if (id) void navigate(`/places/${id}`);
    },
  });

  if (failed) return <Text c="red">{t('facilities.map.failed')}</Text>;
  return (
    <div>
      <div
        ref={host}
        role="img"
        aria-label={t('facilities.map.label', { count: points.length })}
        // SVG anchors text by the page's direction, which would put Arabic labels on their markers; the option
        // places them for the reading direction itself.
        style={{ width: '100%', height: HEIGHT, direction: 'ltr' }}
      />
      {unplaced > 0 && (
        <Text size="sm" mt={4}>
          {t('facilities.map.unplaced', { count: unplaced })}
        </Text>
      )}
    </div>
  );
}
