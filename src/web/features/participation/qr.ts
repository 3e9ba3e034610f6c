import qrcode from 'qrcode-generator';

/**
 * The QR code of a registration code, as a matrix of dark modules (true). The code is 10
 * characters of [2-9A-Z], which QR's alphanumeric mode stores compactly: a 21×21 version 1
 * symbol at error correction level M, readable from a crumpled printout or a dim phone screen.
 */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Alphanumeric');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/** The matrix as one SVG path (a quiet zone of four modules around it). */
export function qrPath(matrix: boolean[][]): { size: number; d: string } {
  const n = matrix.length;
  let d = '';
  matrix.forEach((row, r) => row.forEach((dark, c) => dark && (d += `M${c + 4} ${r + 4}h1v1h-1z`)));
  return { size: n + 8, d };
}
