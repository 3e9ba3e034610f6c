import type { ActivityFigures, ActivityReport, ReportPhoto } from '../../../domain/contracts/activityReports.ts';

export type { ActivityFigures, ActivityReport, ReportPhoto };
export const reportKey = (activityId: string) => ['activity-report', activityId] as const;
export const figuresKey = (activityId: string) => ['activity-figures', activityId] as const;

/** The server keeps photos of at most 10 MB; larger sides than this are reduced before upload. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
const MAX_SIDE = 2560;
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp';

/**
 * A photo as it is uploaded. Camera photos (JPEG, WebP) are drawn again as JPEG, turned the way the
 * camera held them and at most 2560 px on their longer side: that keeps reports small, lets every
 * PDF reader show them, and drops the file's metadata (a phone's photos carry where they were
 * taken). A PNG (a chart, a scan) stays as it is unless it is too large. If the browser cannot
 * read the image, the file goes as it is and the server decides.
 */
export async function preparePhoto(file: File): Promise<File> {
  const png = file.type === 'image/png' || /\.png$/i.test(file.name);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    if (png && scale === 1 && file.size <= PHOTO_MAX_BYTES) return file;
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const g = canvas.getContext('2d');
    if (!g) return file;
    // a transparent PNG gets a white ground instead of black
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.86));
    if (!blob) return file;
    const base = file.name.replace(/\.[^.]*$/, '') || 'foto';
    return new File([blob], `${base}.jpg`, { type: 'image/jpeg' });
  } finally {
    bitmap.close();
  }
}
