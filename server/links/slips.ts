/**
 * Printable receipt slips of one-time links: A4 pages of 8 slips (2 × 4, cut along the dashed
 * lines), each with its link's QR code, a short instruction in Uzbek (Latin and Cyrillic), Russian
 * and English, and the
 * date the link expires. Every text is HTML-escaped; the QR codes are SVG made by the qrcode library.
 */
import type { Names } from '../repos/registry.js';
import { escapeHtml } from '../../common/survey/text.js';
import { titleIn } from './poster.js';

export const SLIPS_PER_PAGE = 8;

export const SLIP_INSTRUCTIONS = {
  uz: 'Olgan xizmatingizni baholang: kodni telefon kamerasi bilan skanerlang. So‘rov anonim.',
  'uz-Cyrl': 'Олган хизматингизни баҳоланг: кодни телефон камераси билан сканерланг. Сўров аноним.',
  ru: 'Оцените полученную услугу: отсканируйте код камерой телефона. Опрос анонимный.',
  en: 'Rate the service you received: scan the code with your phone camera. It is anonymous.',
} as const;

export const SLIP_VALID_UNTIL = {
  uz: 'Havola bir marta ishlaydi, amal qilish muddati',
  'uz-Cyrl': 'Ҳавола бир марта ишлайди, амал қилиш муддати',
  ru: 'Ссылка одноразовая, действует до',
  en: 'One-time link, valid until',
} as const;

export interface Slip {
  /** The QR code as an SVG document (made by the qrcode library, not from user input). */
  qrSvg: string;
  link: string;
  /** YYYY-MM-DD */
  expiresOn: string;
}

export interface SlipsInput {
  title: unknown;
  provider: Names;
  slips: Slip[];
}

const STYLE = `
@page { size: A4; margin: 10mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #000; background: #fff; }
.page { width: 190mm; height: 277mm; display: grid; grid-template-columns: 1fr 1fr;
  grid-template-rows: repeat(4, 1fr); break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
.slip { border: 0.3mm dashed #888; padding: 3mm; display: grid; grid-template-columns: 36mm 1fr;
  gap: 3mm; align-items: center; overflow: hidden; break-inside: avoid; }
.qr svg { width: 36mm; height: 36mm; display: block; }
.text { font-size: 7.5pt; line-height: 1.25; }
.title { font-size: 9pt; font-weight: 600; margin: 0 0 1mm; }
.provider { margin: 0 0 1.5mm; }
.text p { margin: 0 0 1mm; }
.until { font-weight: 600; }
.link { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 6pt; word-break: break-all; color: #000; }
@media screen { body { background: #eee; } .page { background: #fff; margin: 5mm auto; } }
`;

function slipHtml(s: Slip, title: string, provider: string): string {
  const svg = s.qrSvg.replace(/^<\?xml[^>]*>\s*/, '');
  const until = escapeHtml(s.expiresOn);
  return `<section class="slip">
<div class="qr" role="img" aria-label="QR">${svg}</div>
<div class="text">
<p class="title">${title}</p>
<p class="provider">${provider}</p>
<p lang="uz">${escapeHtml(SLIP_INSTRUCTIONS.uz)}</p>
<p lang="uz-Cyrl">${escapeHtml(SLIP_INSTRUCTIONS['uz-Cyrl'])}</p>
<p lang="ru">${escapeHtml(SLIP_INSTRUCTIONS.ru)}</p>
<p lang="en">${escapeHtml(SLIP_INSTRUCTIONS.en)}</p>
<p class="until"><span lang="uz">${escapeHtml(SLIP_VALID_UNTIL.uz)}: ${until}</span> ·
<span lang="uz-Cyrl">${escapeHtml(SLIP_VALID_UNTIL['uz-Cyrl'])}: ${until}</span> ·
<span lang="ru">${escapeHtml(SLIP_VALID_UNTIL.ru)} ${until}</span> ·
<span lang="en">${escapeHtml(SLIP_VALID_UNTIL.en)} ${until}</span></p>
<p class="link">${escapeHtml(s.link)}</p>
</div>
</section>`;
}

export function renderSlips(input: SlipsInput): string {
  const title = escapeHtml(titleIn(input.title, 'uz'));
  const provider = escapeHtml(input.provider.uz);
  const pages: string[] = [];
  for (let i = 0; i < input.slips.length; i += SLIPS_PER_PAGE) {
    const slips = input.slips.slice(i, i + SLIPS_PER_PAGE).map((s) => slipHtml(s, title, provider));
    pages.push(`<div class="page">\n${slips.join('\n')}\n</div>`);
  }
  return `<!doctype html>
<html lang="uz">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — ${provider}</title>
<style>${STYLE}</style>
</head>
<body>
${pages.join('\n')}
</body>
</html>
`;
}
