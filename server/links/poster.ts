/** A printable A4 poster for one provider: the survey's title, the provider, the QR code, the link. */
import type { Names } from '../repos/registry.js';
import { escapeHtml, localText } from '../survey/text.js';

/** One line each in Uzbek, Russian and English. */
export const POSTER_INSTRUCTIONS = {
  uz: 'Kodni telefoningiz kamerasi bilan skanerlang va javob bering — bu 3 daqiqa vaqt oladi, so‘rov anonim.',
  ru: 'Отсканируйте код камерой телефона и ответьте — это займёт 3 минуты, опрос анонимный.',
  en: 'Scan the code with your phone camera and answer — it takes 3 minutes, it is anonymous.',
} as const;

/** A survey title is a string or an object of texts per language. */
export function titleIn(title: unknown, lang: 'uz' | 'ru' | 'en'): string {
  return localText(title, lang);
}

export interface PosterInput {
  title: unknown;
  provider: Names;
  /** The QR code as an SVG document (made by the qrcode library, not from user input). */
  qrSvg: string;
  /** The link the QR code carries. */
  link: string;
  /** What is printed under the code: short enough to read and type. */
  linkText: string;
}

const STYLE = `
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #000; background: #fff; }
.sheet { width: 180mm; min-height: 267mm; margin: 0 auto; padding: 8mm 0; display: flex;
  flex-direction: column; align-items: center; text-align: center; gap: 6mm; }
h1 { font-size: 26pt; line-height: 1.15; margin: 0; }
.sub { font-size: 14pt; margin: 0; color: #222; }
.provider { font-size: 18pt; font-weight: 600; margin: 0; }
.qr { width: 120mm; height: 120mm; }
.qr svg { width: 100%; height: 100%; display: block; }
.link { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 14pt; word-break: break-all;
  color: #000; text-decoration: none; }
ul { list-style: none; padding: 0; margin: 0; font-size: 14pt; line-height: 1.4; }
li { margin: 2mm 0; }
@media screen { body { background: #eee; } .sheet { background: #fff; padding: 15mm; margin: 10mm auto; } }
`;

export function renderPoster(p: PosterInput): string {
  const uz = escapeHtml(titleIn(p.title, 'uz'));
  const ru = escapeHtml(titleIn(p.title, 'ru'));
  const en = escapeHtml(titleIn(p.title, 'en'));
  const subtitles = [ru, en].filter((t) => t && t !== uz);
  const providerSub = [p.provider.ru, p.provider.en].filter((n) => n && n !== p.provider.uz);
  const svg = p.qrSvg.replace(/^<\?xml[^>]*>\s*/, '');
  return `<!doctype html>
<html lang="uz">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${uz} — ${escapeHtml(p.provider.uz)}</title>
<style>${STYLE}</style>
</head>
<body>
<main class="sheet">
<h1>${uz}</h1>
${subtitles.map((t) => `<p class="sub" lang="${t === ru ? 'ru' : 'en'}">${t}</p>`).join('\n')}
<p class="provider">${escapeHtml(p.provider.uz)}</p>
${providerSub.map((n) => `<p class="sub">${escapeHtml(n)}</p>`).join('\n')}
<div class="qr" role="img" aria-label="QR">${svg}</div>
<a class="link" href="${escapeHtml(p.link)}">${escapeHtml(p.linkText)}</a>
<ul>
<li lang="uz">${escapeHtml(POSTER_INSTRUCTIONS.uz)}</li>
<li lang="ru">${escapeHtml(POSTER_INSTRUCTIONS.ru)}</li>
<li lang="en">${escapeHtml(POSTER_INSTRUCTIONS.en)}</li>
</ul>
</main>
</body>
</html>
`;
}
