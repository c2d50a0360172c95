/**
 * A printable poster for one provider, on one A4 (or A5) page: the survey's title and the
 * provider's name in every language, the QR code, the short address to type by hand
 * (`<PUBLIC_URL>/k/7F3Q`) and one line per language saying what to do and how long it takes (the
 * survey's own estimate, as its welcome screen says).
 */
import { STRINGS } from '../../common/citizen/strings.js';
import type { Names } from '../repos/registry.js';
import { escapeHtml, localText } from '../../common/survey/text.js';
import { LANGUAGES, type Lang } from '../../common/survey/types.js';

/** What to do, with how long it takes ("About 2 minutes"), in each language. */
export const POSTER_INSTRUCTIONS: Record<Lang, (minutes: number) => string> = {
  uz: (n) =>
    `Kodni telefon kamerasi bilan skanerlang yoki manzilni yozing. ${STRINGS.uz.minutes(n)}, soʻrov anonim.`,
  'uz-Cyrl': (n) =>
    `Кодни телефон камераси билан сканерланг ёки манзилни ёзинг. ${STRINGS['uz-Cyrl'].minutes(n)}, сўров аноним.`,
  ru: (n) =>
    `Отсканируйте код камерой телефона или наберите адрес. ${STRINGS.ru.minutes(n)}, опрос анонимный.`,
  en: (n) =>
    `Scan the code with your phone camera or type the address. ${STRINGS.en.minutes(n)}, anonymous.`,
};

/** A survey title is a string or an object of texts per language. */
export function titleIn(title: unknown, lang: Lang): string {
  return localText(title, lang);
}

/** The printed sizes: an A4 poster, or an A5 one (the same layout, 1/√2 the size). */
export const POSTER_SIZES = ['a4', 'a5'] as const;
export type PosterSize = (typeof POSTER_SIZES)[number];

export interface PosterInput {
  title: unknown;
  provider: Names;
  /** The QR code as an SVG document (made by the qrcode library, not from user input). */
  qrSvg: string;
  /** The link the QR code carries. */
  link: string;
  /** The short address printed under the code, to type by hand (`ovoz.uz/k/7F3Q`). */
  linkText: string;
  /** About how long the survey takes, in whole minutes. */
  minutes: number;
  size?: PosterSize;
  /** The poster's first language (its heading); the others follow. Uzbek when unset. */
  lang?: Lang;
}

/**
 * Every length is a multiple of --k (1 on A4, 1/√2 on A5), so both sizes have the same layout.
 * The sheet is exactly the printable area and hides nothing: the print test checks that its
 * content fits it.
 */
const STYLE = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #000; background: #fff; }
.sheet { width: calc(var(--k) * 186mm); height: calc(var(--k) * 271mm); margin: 0 auto;
  display: flex; flex-direction: column; align-items: center; justify-content: space-between;
  text-align: center; break-inside: avoid; }
.head { display: flex; flex-direction: column; gap: calc(var(--k) * 1.5mm); }
h1 { font-size: calc(var(--k) * 24pt); line-height: 1.15; margin: 0; }
.sub { font-size: calc(var(--k) * 12pt); line-height: 1.25; margin: 0; color: #222; }
.provider { font-size: calc(var(--k) * 17pt); line-height: 1.2; font-weight: 700; margin: 0; }
.qr { width: calc(var(--k) * 100mm); height: calc(var(--k) * 100mm); }
.qr svg { width: 100%; height: 100%; display: block; }
.type { font-size: calc(var(--k) * 11pt); margin: 0; }
.link { display: block; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: calc(var(--k) * 22pt); font-weight: 700; letter-spacing: 0.02em; word-break: break-all;
  color: #000; text-decoration: none; margin-top: calc(var(--k) * 1mm); }
ul { list-style: none; padding: 0; margin: 0; font-size: calc(var(--k) * 11.5pt); line-height: 1.3; }
li { margin: calc(var(--k) * 1.5mm) 0; }
@media screen { body { background: #eee; }
  .sheet { background: #fff; box-sizing: content-box; padding: calc(var(--k) * 12mm); margin: 10mm auto; } }
`;

const PAGE: Record<PosterSize, string> = {
  a4: ':root { --k: 1; } @page { size: A4; margin: 12mm; }',
  a5: ':root { --k: 0.7071; } @page { size: A5; margin: 8.5mm; }',
};

/** "Or type:" above the short address, in each language. */
const TYPE_IT: Record<Lang, string> = {
  uz: 'Yoki yozing',
  'uz-Cyrl': 'Ёки ёзинг',
  ru: 'Или наберите',
  en: 'Or type',
};

export function renderPoster(p: PosterInput): string {
  const size = p.size ?? 'a4';
  const lang = p.lang ?? 'uz';
  const order = [lang, ...LANGUAGES.filter((l) => l !== lang)];
  const titles = order.map((l) => ({ lang: l, text: titleIn(p.title, l) }));
  const first = titles[0]!;
  const others = titles.slice(1).filter((t) => t.text && t.text !== first.text);
  const names = order.map((l) => ({ lang: l, text: p.provider[l] }));
  const provider = names[0]!;
  // Two more scripts at most under the name (English adds little on a wall in Uzbekistan).
  const providerSubs = names
    .slice(1)
    .filter((n) => n.lang !== 'en')
    .filter((n) => n.text && n.text !== provider.text)
    .filter((n, i, all) => all.findIndex((m) => m.text === n.text) === i)
    .slice(0, 2);
  const svg = p.qrSvg.replace(/^<\?xml[^>]*>\s*/, '');
  const typeIt = order.map((l) => `<span lang="${l}">${escapeHtml(TYPE_IT[l])}</span>`).join(' · ');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(first.text)} — ${escapeHtml(provider.text)}</title>
<style>${PAGE[size]}${STYLE}</style>
</head>
<body>
<main class="sheet" data-size="${size}">
<div class="head">
<h1>${escapeHtml(first.text)}</h1>
${others.map((t) => `<p class="sub" lang="${t.lang}">${escapeHtml(t.text)}</p>`).join('\n')}
</div>
<div class="head">
<p class="provider">${escapeHtml(provider.text)}</p>
${providerSubs.map((n) => `<p class="sub" lang="${n.lang}">${escapeHtml(n.text)}</p>`).join('\n')}
</div>
<div class="qr" role="img" aria-label="QR">${svg}</div>
<div>
<p class="type">${typeIt}:</p>
<a class="link" href="${escapeHtml(p.link)}">${escapeHtml(p.linkText)}</a>
</div>
<ul>
${order.map((l) => `<li lang="${l}">${escapeHtml(POSTER_INSTRUCTIONS[l](p.minutes))}</li>`).join('\n')}
</ul>
</main>
</body>
</html>
`;
}
