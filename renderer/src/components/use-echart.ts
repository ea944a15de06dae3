import { useEffect, useRef, type RefObject } from 'react';
import { echarts, type EChartsCoreOption } from './echarts-setup';

type Chart = ReturnType<typeof echarts.init>;
/** What a click on a chart reports: the item's series, index and data. */
type ClickParams = { seriesIndex?: number; dataIndex?: number; data?: unknown };

/**
 * A chart drawn into `host` while `enabled`: made once, resized with its box, given `option` again on every render
 * (the library compares), and disposed of when the host goes. Clicks go to the latest `onClick`.
 */
export function useEchart(
  host: RefObject<HTMLDivElement | null>,
  option: EChartsCoreOption,
  opts: { renderer: 'svg' | 'canvas'; height: number; enabled?: boolean; onClick?: (p: ClickParams) => void },
): RefObject<Chart | null> {
  const chart = useRef<Chart | null>(null);
  const onClick = useRef(opts.onClick);
  onClick.current = opts.onClick;
  const { renderer, height, enabled = true } = opts;
  useEffect(() => {
    if (!enabled || !host.current) return;
    const c = echarts.init(host.current, undefined, { renderer, height });
    chart.current = c;
    c.on('click', (p) => onClick.current?.(p as ClickParams));
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(host.current);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [host, renderer, height, enabled]);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  });
  return chart;
}
