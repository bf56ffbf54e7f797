import { useMemo } from 'react';
import { encode } from 'uqr';
import { qrPath, qrSide } from '../lib/qr-path.js';

/** A QR code of `text`, drawn as SVG in the page (no image service): dark on white for any scanner. */
export const QrCode = ({ text, label }: { text: string; label: string }) => {
  const modules = useMemo(() => encode(text, { ecc: 'M' }).data, [text]);
  const side = qrSide(modules);
  return (
    <svg className="qr" viewBox={`0 0 ${side} ${side}`} role="img" aria-label={label} data-qr={text}>
      <rect width={side} height={side} fill="#ffffff" />
      <path d={qrPath(modules)} fill="#000000" />
    </svg>
  );
};
