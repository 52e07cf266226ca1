import { useEffect, useRef } from 'react';
import { initChart, type ChartOption, type EChartsType } from './echarts-setup';

/** Width of a chart on paper: A4 portrait's printable width at the browser's default margins, in CSS px. */
const printWidth = 680;

interface Props {
  option: ChartOption;
  height?: number;
  testId?: string;
}

/**
 * One ECharts chart: created when mounted, disposed when unmounted, resized with its box. For printing
 * it is redrawn at the paper's width (the SVG has fixed dimensions), and back after.
 */
export function EChart({ option, height = 280, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = initChart(element);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    const beforePrint = () =>
      instance.resize({
        width: Math.min(printWidth, element.clientWidth || printWidth),
        animation: { duration: 0 },
      });
    const afterPrint = () => instance.resize();
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', afterPrint);
    return () => {
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className="risk-chart" style={{ width: '100%', height }} data-testid={testId} />;
}
