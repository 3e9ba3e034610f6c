import { Alert, Button, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The camera, looking for QR codes (jsQR on a few frames a second; the back camera on a phone).
 * Each code read is passed on once; the same code again only after a pause, so holding a
 * confirmation in front of the camera does not check the person in over and over.
 */
export function QrScanner({ onCode }: { onCode: (text: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<'idle' | 'starting' | 'on' | 'denied' | 'none'>('idle');
  const last = useRef<{ text: string; at: number } | null>(null);
  const emit = useRef(onCode);
  emit.current = onCode;

  // the camera runs while starting or on; leaving those states stops it
  const active = state === 'starting' || state === 'on';
  useEffect(() => {
    if (!active) return;
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    (async () => {
      try {
        const { default: jsQR } = await import('jsqr');
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play().catch(() => undefined);
        setState('on');
        const tick = () => {
          const v = video.current;
          if (stopped || !v || !ctx) return;
          if (v.videoWidth) {
            // a 480-pixel-wide frame is plenty for a code held up to the camera, and cheap to scan
            const scale = Math.min(1, 480 / v.videoWidth);
            canvas.width = Math.round(v.videoWidth * scale);
            canvas.height = Math.round(v.videoHeight * scale);
            ctx.drawImage(v, 0, 0, canvas.width, canvas.height);
            const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
            const found = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
            if (found?.data) {
              const now = Date.now();
              if (!last.current || last.current.text !== found.data || now - last.current.at > 4000) emit.current(found.data);
              last.current = { text: found.data, at: now };
            }
          }
          timer = window.setTimeout(tick, 200);
        };
        tick();
      } catch (e) {
        if (!stopped) setState((e as Error)?.name === 'NotAllowedError' ? 'denied' : 'none');
      }
    })();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      for (const tr of stream?.getTracks() ?? []) tr.stop();
    };
  }, [active]);

  if (!active) {
    return (
      <Stack gap="xs">
        {state !== 'idle' && (
          <Alert color="orange" title={t('participation.camera.problem')}>
            {state === 'denied' ? t('participation.camera.denied') : t('participation.camera.none')}
          </Alert>
        )}
        <Button onClick={() => setState('starting')} data-testid="start-camera">
          {t('participation.camera.start')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('participation.camera.help')}
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap="xs">
      {/* biome-ignore lint/a11y/useMediaCaption: a live camera picture has no sound to caption */}
      <video ref={video} muted playsInline aria-label={t('participation.camera.view')} data-testid="camera" style={{ width: '100%', maxWidth: 480, borderRadius: 8, background: '#000', aspectRatio: '4 / 3' }} />
      <Text size="xs" c="dimmed">
        {state === 'on' ? t('participation.camera.looking') : t('common.loading')}
      </Text>
      <Button variant="default" onClick={() => setState('idle')}>
        {t('participation.camera.stop')}
      </Button>
    </Stack>
  );
}
