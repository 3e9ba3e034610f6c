import { useMemo } from 'react';
import { qrMatrix, qrPath } from './qr.ts';

/** A registration code's QR code as an inline SVG (crisp when printed, no image request). */
export function QrCode({ code, size = 200, label }: { code: string; size?: number; label: string }) {
  const { size: n, d } = useMemo(() => qrPath(qrMatrix(code)), [code]);
  return (
    <svg width={size} height={size} viewBox={`0 0 ${n} ${n}`} role="img" aria-label={label} shapeRendering="crispEdges" data-testid="qr-code" data-code={code} style={{ background: '#fff', display: 'block' }}>
      <path d={d} fill="#000" />
    </svg>
  );
}
