/** QR codes of survey links, as SVG or PNG (library `qrcode`). */
import QRCode from 'qrcode';
import { signContext } from './context.js';
import type { Lang, LinkContext } from '../../common/survey/types.js';

export type QrFormat = 'svg' | 'png';

/** Quartile (25 % of the code may be lost) survives creases and dirt on print; medium if the link is long. */
const MAX_VERSION_AT_Q = 15;
const MARGIN = 4;

/**
 * The signed link a QR code carries. Only the most specific code is signed (a provider fixes
 * its district and region, a district its region) so the code stays small; the server completes
 * the rest from the registry when the link is opened.
 */
export function contextLink(
  publicUrl: string,
  secret: string,
  slug: string,
  ctx: LinkContext,
  lang?: Lang,
): string {
  const area: LinkContext = ctx.provider
    ? { provider: ctx.provider }
    : ctx.district
      ? { district: ctx.district }
      : ctx.region
        ? { region: ctx.region }
        : {};
  const signed: LinkContext = { ...area, ...(ctx.channel ? { channel: ctx.channel } : {}) };
  const query = new URLSearchParams();
  if (Object.keys(signed).length) query.set('c', signContext(secret, slug, signed));
  if (lang) query.set('lang', lang);
  const qs = query.toString();
  return `${publicUrl}/s/${slug}${qs ? `?${qs}` : ''}`;
}

export function qrLevel(text: string): 'Q' | 'M' {
  try {
    return QRCode.create(text, { errorCorrectionLevel: 'Q' }).version <= MAX_VERSION_AT_Q
      ? 'Q'
      : 'M';
  } catch {
    return 'M';
  }
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: qrLevel(text),
    margin: MARGIN,
  });
}

export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, {
    type: 'png',
    errorCorrectionLevel: qrLevel(text),
    margin: MARGIN,
    scale: 8,
  });
}
