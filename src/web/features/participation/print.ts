import { formatCode } from '../../../domain/participation.ts';
import { qrMatrix, qrPath } from './qr.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Prints one confirmation (name, activity, QR code, code) on its own page, for someone without a phone. */
export function printCode(o: { name: string; activity: string; code: string; label: string }) {
  const { size, d } = qrPath(qrMatrix(o.code));
  const w = window.open('', '_blank', 'noopener=no,width=480,height=640');
  if (!w) return;
  w.document.write(`<!doctype html><html><head><meta charset="utf-8"><title>${esc(o.label)}</title>
<style>body{font-family:system-ui,sans-serif;text-align:center;padding:24px}svg{width:60mm;height:60mm}code{font-size:28px;font-weight:700;letter-spacing:2px}</style></head>
<body><h1 style="font-size:20px">${esc(o.activity)}</h1><p style="font-size:18px">${esc(o.name)}</p>
<svg viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>
<p><code>${esc(formatCode(o.code))}</code></p></body></html>`);
  w.document.close();
  w.focus();
  w.print();
}
