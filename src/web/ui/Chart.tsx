import { useId } from 'react';

/**
 * A small SVG chart: bars per period (stacked when broken down) and a target line. Plain SVG
 * with inline styles, so the same markup saves as a PNG (see savePng) and prints; the numbers are
 * also in the table beside every chart, for screen readers and for copying.
 */
export type ChartBar = { label: string; segments: { key: string; value: number | null }[]; line: number | null };
export type ChartLegend = { key: string; label: string; color: string }[];

export const CHART_COLORS = ['#1c7ed6', '#e8590c', '#2f9e44', '#ae3ec9', '#f08c00', '#0c8599', '#c2255c', '#5c940d', '#495057'];

const W = 520;
const H = 260;
const PAD = { left: 48, right: 12, top: 16, bottom: 48 };

function niceMax(max: number) {
  if (max <= 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * exp >= max / 4)! * exp;
  return Math.ceil(max / step) * step;
}

export function BarChart({ bars, legend, lineLabel, title, format, id, whole }: { bars: ChartBar[]; legend: ChartLegend; lineLabel: string; title: string; format: (n: number) => string; id?: string; whole?: boolean }) {
  const titleId = useId();
  // counts get whole-number ticks (a scale of 0–4 at least)
  const max = (whole ? (m: number) => Math.max(4, Math.ceil(niceMax(m) / 4) * 4) : niceMax)(Math.max(0, ...bars.map((b) => Math.max(b.segments.reduce((s, x) => s + (x.value ?? 0), 0), b.line ?? 0))));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.min(48, slot * 0.6);
  const colorOf = (key: string) => legend.find((l) => l.key === key)?.color ?? CHART_COLORS[0];
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  const linePoints = bars.map((b, i) => (b.line == null ? null : `${PAD.left + slot * i + slot / 2},${y(b.line)}`)).filter(Boolean);
  // every label when they fit, else every second or third
  const every = Math.ceil(bars.length / Math.max(1, Math.floor(plotW / 70)));
  return (
    <svg id={id} viewBox={`0 0 ${W} ${H + 24}`} width="100%" role="img" aria-labelledby={titleId} style={{ maxWidth: W, fontFamily: 'system-ui, sans-serif', background: '#fff' }}>
      <title id={titleId}>{title}</title>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#e9ecef" />
          <text x={PAD.left - 6} y={y(v) + 4} fontSize="12" textAnchor="end" fill="#495057">
            {format(v)}
          </text>
        </g>
      ))}
      {bars.map((b, i) => {
        let base = 0;
        const x = PAD.left + slot * i + (slot - barW) / 2;
        return (
          <g key={b.label}>
            {b.segments.map((s) => {
              if (!s.value) return null;
              const top = y(base + s.value);
              const h = y(base) - top;
              base += s.value;
              return <rect key={s.key} x={x} y={top} width={barW} height={Math.max(0, h)} fill={colorOf(s.key)} />;
            })}
            {i % every === 0 && (
              <text x={PAD.left + slot * i + slot / 2} y={H - PAD.bottom + 16} fontSize="12" textAnchor="middle" fill="#495057">
                {b.label}
              </text>
            )}
          </g>
        );
      })}
      {linePoints.length > 0 && <polyline points={linePoints.join(' ')} fill="none" stroke="#212529" strokeWidth="2" strokeDasharray="6 4" />}
      {bars.map((b, i) => (b.line == null ? null : <circle key={`t${b.label}`} cx={PAD.left + slot * i + slot / 2} cy={y(b.line)} r="3.5" fill="#212529" />))}
      <g transform={`translate(${PAD.left}, ${H + 4})`}>
        {[...legend, ...(linePoints.length ? [{ key: '__line', label: lineLabel, color: '#212529' }] : [])].map((l, i) => (
          <g key={l.key} transform={`translate(${(i % 3) * 160}, ${Math.floor(i / 3) * 15})`}>
            {l.key === '__line' ? <line x1="0" x2="14" y1="6" y2="6" stroke={l.color} strokeWidth="2" strokeDasharray="4 3" /> : <rect width="12" height="10" y="1" fill={l.color} />}
            <text x="18" y="10" fontSize="12" fill="#212529">
              {l.label}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}

/** Saves an SVG on the page as a PNG at twice its size (for slides and reports). */
export async function savePng(svg: SVGSVGElement, fileName: string) {
  const xml = new XMLSerializer().serializeToString(svg);
  const box = svg.viewBox.baseVal;
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = box.width * 2;
  canvas.height = box.height * 2;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) return;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
