/**
 * The printed poster: Chromium prints it to PDF in each language, on A4 and A5, and the PDF has
 * exactly one page with nothing cut off. Ghostscript draws the PDF's page as an image, zbarimg
 * reads the QR code from it, and the link it carries opens the survey for the poster's provider;
 * the short address printed under the code (`/k/XXXX`) leads to the same link.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { verifyContext } from '../../server/links/context.js';
import { LANGUAGES } from '../../common/survey/types.js';
import { ARTIFACTS } from '../helpers/browser.js';
import { citizenSuite } from '../helpers/citizen-suite.js';
import { signInOver } from '../helpers/server.js';

const SECRET = 'poster-test-secret-0123456789-abcdefghij';
const PROVIDER = 'P-SA-01-1';
const suite = citizenSuite({ env: { OVOZ_SECRET: SECRET } });

/** The number of pages of a PDF, as Ghostscript counts them. */
function pageCount(pdf: string): number {
  const out = execFileSync(
    'gs',
    ['-q', '-dNODISPLAY', '-dNOSAFER', '-c', `(${pdf}) (r) file runpdfbegin pdfpagecount = quit`],
    { encoding: 'utf8' },
  );
  return Number(out.trim());
}

/** The PDF's first page drawn at 150 dpi (PNG), and what zbarimg reads from it. */
function qrFromPdf(pdf: string): string {
  const png = pdf.replace(/\.pdf$/, '.png');
  execFileSync('gs', [
    '-q',
    '-dSAFER',
    '-dBATCH',
    '-dNOPAUSE',
    '-sDEVICE=pnggray',
    '-r150',
    '-dFirstPage=1',
    '-dLastPage=1',
    `-sOutputFile=${png}`,
    pdf,
  ]);
  return execFileSync('zbarimg', ['--nodbus', '--quiet', '--raw', png], {
    encoding: 'utf8',
  }).trim();
}

test.each(
  LANGUAGES.flatMap((lang) => (['a4', 'a5'] as const).map((size) => [lang, size] as const)),
)(
  'poster in %s on %s: one page, nothing cut off, the QR code and the short address open the provider’s link',
  async (lang, size) => {
    const server = suite.server();
    const admin = await signInOver(server.url);
    const res = await fetch(
      `${server.url}/api/admin/surveys/social-services/poster?provider=${PROVIDER}&size=${size}&lang=${lang}`,
      { headers: { cookie: admin } },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    const page = await suite.browser().newPage();
    await page.setContent(html);
    await page.emulateMedia({ media: 'print' });
    // Everything inside the sheet, which is exactly the page's printable area.
    const overflow = await page.locator('.sheet').evaluate((el) => ({
      tall: el.scrollHeight - el.clientHeight,
      wide: el.scrollWidth - el.clientWidth,
    }));
    expect(overflow).toEqual({ tall: 0, wide: 0 });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const pdf = path.join(ARTIFACTS, `poster-${lang}-${size}.pdf`);
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    await page.close();
    expect(pageCount(pdf)).toBe(1);

    const link = qrFromPdf(pdf);
    const url = new URL(link);
    expect(url.pathname).toBe('/s/social-services');
    expect(url.searchParams.get('lang')).toBe(lang);
    expect(verifyContext(SECRET, 'social-services', url.searchParams.get('c')!)).toMatchObject({
      provider: PROVIDER,
    });
    // The survey opens for this provider: the public API completes its district and region.
    const opened = await fetch(
      `${server.url}/api/public/surveys/social-services?${url.searchParams}`,
    );
    expect(opened.status).toBe(200);
    const body = (await opened.json()) as { context?: Record<string, string> };
    expect(body.context).toMatchObject({
      provider: PROVIDER,
      district: 'UZ-SA-01',
      region: 'UZ-SA',
    });

    // The printed short address leads to the same link (the phone's language aside).
    const short = /\/k\/([2-9A-HJ-NP-Z]{4,8})</.exec(html)?.[1];
    expect(short).toBeDefined();
    const typed = await fetch(`${server.url}/k/${short}`, { redirect: 'manual' });
    expect(typed.status).toBe(302);
    const target = new URL(typed.headers.get('location')!);
    url.searchParams.delete('lang');
    expect(target.href).toBe(url.href);
  },
  60_000,
);
