import { createHmac } from 'node:crypto';

/** The header receivers verify: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'X-Webhook-Signature';

/**
 * Signs the exact body bytes with the subscription's secret (its UTF-8 text is the HMAC key). The timestamp is
 * inside the signed text, so a receiver that rejects old timestamps also rejects replays.
 */
export const signatureHeader = (secret: string, timestampSeconds: number, body: string): string => {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
};
