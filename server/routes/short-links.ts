/**
 * `/k/:code`: the short address printed under a poster's QR code, typed in by hand. It sends the
 * citizen on to the same signed link the QR code carries (signed again now, for its survey,
 * provider and channel). `?lang=` is kept. An unknown code gets a short page in every language.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { escapeHtml } from '../../common/survey/text.js';
import { contextLink } from '../links/qr.js';
import { resolveShortCode } from '../repos/short-links.js';
import { isLang } from '../../common/survey/types.js';

const UNKNOWN: Record<string, string> = {
  uz: 'Bunday kod topilmadi. Plakatdagi kodni tekshirib, qaytadan yozing.',
  'uz-Cyrl': 'Бундай код топилмади. Плакатдаги кодни текшириб, қайтадан ёзинг.',
  ru: 'Такой код не найден. Проверьте код на плакате и введите его ещё раз.',
  en: 'No such code. Check the code on the poster and type it again.',
};

function unknownPage(): string {
  const lines = Object.entries(UNKNOWN)
    .map(([lang, text]) => `<p lang="${lang}">${escapeHtml(text)}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="uz">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ovoz</title></head>
<body>
<main>
<h1>Ovoz</h1>
${lines}
</main>
</body>
</html>
`;
}

export function shortLinkRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/k/:code', async (c) => {
    const target = await resolveShortCode(deps.db, c.req.param('code'));
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    if (!target) {
      c.header('Content-Security-Policy', "default-src 'none'; base-uri 'none'");
      return c.html(unknownPage(), 404);
    }
    const lang = c.req.query('lang');
    const link = contextLink(
      deps.config.publicUrl,
      deps.secret,
      target.slug,
      { provider: target.provider, ...(target.channel ? { channel: target.channel } : {}) },
      isLang(lang) ? lang : undefined,
    );
    return c.redirect(link, 302);
  });
  return app;
}
