/**
 * A chart.js chart on a canvas, made again whenever its configuration changes (configurations are
 * memoised by the callers; charts are small, so a rebuild is cheap and keeps plugins simple). Only the
 * controllers Ovoz uses are registered (scatter, line), keeping the bundle small. The canvas has a
 * text alternative; the numbers are also in the page's text beside every chart.
 */
import {
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
} from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(
  ScatterController,
  LineController,
  LinearScale,
  CategoryScale,
  PointElement,
  LineElement,
  Filler,
  Tooltip,
  Legend,
);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#374151';
// No animation: charts are read, printed and screenshotted as they are.
Chart.defaults.animation = false;

export function ChartCanvas<T extends ChartType>({
  config,
  label,
  height = 360,
}: {
  config: ChartConfiguration<T>;
  label: string;
  height?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<T> | null>(null);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    chart.current = new Chart(el, config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [config]);

  return (
    <div className="chart-box" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
