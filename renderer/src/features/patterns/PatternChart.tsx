import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Group, useComputedColorScheme } from '@mantine/core';
import { echarts, type EChartsCoreOption } from '../../components/echarts-setup';
import { saveBytes } from '../../components/save-bytes';
import { useEchart } from '../../components/use-echart';

export interface ChartPick {
  seriesIndex: number;
  dataIndex: number;
}

const HEIGHT = 320;

/**
 * One chart, drawn on a canvas, with buttons to save it as PNG or SVG (drawn again with the SVG renderer, so the
 * file is vectors, not a picture of the canvas). The chart is an image to screen readers, named by its title;
 * the table beside it carries the numbers.
 */
export function PatternChart({
  option,
  title,
  fileName,
  onPick,
}: {
  option: EChartsCoreOption;
  title: string;
  fileName: string;
  onPick?: (pick: ChartPick) => void;
}): ReactNode {
  const { t } = useTranslation();
  const scheme = useComputedColorScheme('light');
  const host = useRef<HTMLDivElement>(null);
  const themed: EChartsCoreOption = {
    textStyle: { color: scheme === 'dark' ? '#e9ecef' : '#212529' },
    backgroundColor: 'transparent',
    // Numbers, not motion: a chart that animates is half drawn when it is read, printed or saved.
    animation: false,
    ...option,
  };

  const chart = useEchart(host, themed, {
    renderer: 'canvas',
    height: HEIGHT,
    onClick: (p) => {
      const e = p as { seriesIndex?: number; dataIndex?: number };
      if (e.seriesIndex !== undefined && e.dataIndex !== undefined)
        onPick?.({ seriesIndex: e.seriesIndex, dataIndex: e.dataIndex });
    },
  });

  const savePng = async (): Promise<void> => {
    const c = chart.current;
    if (!c) return;
    const url = c.getDataURL({
      type: 'png',
      pixelRatio: 2,
      backgroundColor: scheme === 'dark' ? '#1a1b1e' : '#ffffff',
    });
    // Decoded here: the page's policy lets it fetch nothing, a data: address included.
    const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (ch) => ch.charCodeAt(0));
    await saveBytes(`${fileName}.png`, bytes);
  };
  const saveSvg = async (): Promise<void> => {
    const width = host.current?.clientWidth || 800;
    const off = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width, height: HEIGHT });
    off.setOption({ ...themed, backgroundColor: scheme === 'dark' ? '#1a1b1e' : '#ffffff' });
    const svg = off.renderToSVGString();
    off.dispose();
    await saveBytes(`${fileName}.svg`, new TextEncoder().encode(svg));
  };

  return (
    <div>
      <div ref={host} role="img" aria-label={title} style={{ width: '100%', height: HEIGHT }} />
      <Group gap="xs" mt={4}>
        <Button
          size="compact-xs"
          variant="subtle"
          aria-label={t('patterns.savePngOf', { chart: title })}
          onClick={() => void savePng()}
        >
          {t('patterns.savePng')}
        </Button>
        <Button
          size="compact-xs"
          variant="subtle"
          aria-label={t('patterns.saveSvgOf', { chart: title })}
          onClick={() => void saveSvg()}
        >
          {t('patterns.saveSvg')}
        </Button>
      </Group>
    </div>
  );
}
