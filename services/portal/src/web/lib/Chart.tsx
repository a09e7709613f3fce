import * as echarts from 'echarts';
import { type CSSProperties, useEffect, useRef } from 'react';

/** An ECharts chart: created once per element, updated with each option, resized with its container. */
export function Chart({ option, style }: { option: echarts.EChartsOption; style?: CSSProperties }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const el = ref.current!;
    chart.current = echarts.init(el, undefined, { renderer: 'canvas' });
    const observer = new ResizeObserver(() => chart.current?.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={ref} style={style} role="img" />;
}
