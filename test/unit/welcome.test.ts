/** The welcome screen's HTML (common/citizen/welcome.ts) and the page the server fills with it. */
import { describe, expect, it } from 'vitest';
import { citizenPage } from '../../server/http/citizen-page.js';
import { LANGUAGES } from '../../common/survey/types.js';
import { STRINGS } from '../../common/citizen/strings.js';
import {
  estimateMinutes,
  parseWelcome,
  welcomeDataHtml,
  welcomeHtml,
  welcomeOf,
} from '../../common/citizen/welcome.js';
import quickFeedback from '../../surveys/quick-feedback.json' with { type: 'json' };
import socialServices from '../../surveys/social-services.json' with { type: 'json' };

const HOSTILE = '</script><img src=x onerror=alert(1)>"\'&';
const TEMPLATE =
  '<!doctype html><html lang="uz"><head><meta name="robots" content="noindex" />' +
  '<title>Ovoz</title></head><body><div id="root">' +
  '<!--ovoz:page--><p class="boot">Loading</p><!--/ovoz:page--></div></body></html>';

describe('estimateMinutes', () => {
  it('is about what the questionnaires say of themselves', () => {
    expect(estimateMinutes(socialServices)).toBe(3); // "It takes about 3 minutes."
    expect(estimateMinutes(quickFeedback)).toBe(1); // "less than a minute"
  });

  it('is at least a minute, and hidden questions take no time', () => {
    expect(estimateMinutes({})).toBe(1);
    const comments = (visible: boolean) => ({
      pages: [{ elements: Array.from({ length: 10 }, () => ({ type: 'comment', visible })) }],
    });
    expect(estimateMinutes(comments(true))).toBe(5);
    expect(estimateMinutes(comments(false))).toBe(1);
  });
});

describe('welcomeHtml', () => {
  const w = welcomeOf('quick-feedback', { title: { uz: HOSTILE }, description: HOSTILE });

  it('escapes every questionnaire text', () => {
    const html = welcomeHtml(w, 'en', 'https://ovoz.example/s/quick-feedback?lang=en');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('</script>');
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
  });

  it('keeps the link’s c and t in the language links and the Start form', () => {
    const html = welcomeHtml(w, 'ru', 'https://ovoz.example/s/quick-feedback?c=a%26b&lang=ru');
    expect(html).toContain('href="/s/quick-feedback?c=a%26b&amp;lang=en"');
    expect(html).toContain('<input type="hidden" name="c" value="a&amp;b">');
    expect(html).toContain('<input type="hidden" name="start" value="1">');
    expect(html).toContain(`>${STRINGS.ru.start}</button>`);
    expect(html).toContain('aria-current="true">Русский</a>');
  });

  it('falls back to Uzbek, then to a plain heading', () => {
    expect(welcomeOf('s', { title: { uz: 'Sarlavha' } }).title.en).toBe('Sarlavha');
    expect(welcomeHtml(welcomeOf('s', {}), 'en', 'https://x/s/s')).toContain(
      `<h1 class="title welcome__title">${STRINGS.en.survey}</h1>`,
    );
  });
});

describe('the welcome data block', () => {
  it('cannot be closed by a text in it, and reads back only for its own survey', () => {
    const w = welcomeOf('quick-feedback', { title: HOSTILE });
    const block = welcomeDataHtml(w);
    expect(block.match(/<\/script>/g)).toHaveLength(1);
    const text = block.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, '');
    expect(parseWelcome(text, 'quick-feedback')).toEqual(w);
    expect(parseWelcome(text, 'social-services')).toBeNull();
    expect(parseWelcome('not json', 'quick-feedback')).toBeNull();
  });
});

describe('citizenPage', () => {
  const w = welcomeOf('social-services', socialServices);

  it.each(LANGUAGES)('fills the page in %s', (lang) => {
    const html = citizenPage(TEMPLATE, w, lang, 'https://x/s/social-services');
    expect(html).toContain(`<html lang="${lang}"`);
    expect(html).toContain(`<title>${w.title[lang]}</title>`);
    expect(html).toContain(`<h1 class="title welcome__title">${w.title[lang]}</h1>`);
    expect(html).not.toContain('class="boot"');
    expect(html).toContain('<script type="application/json" id="ovoz-welcome">');
  });

  it('leaves the page as built when there is no open survey or no place for it', () => {
    expect(citizenPage(TEMPLATE, null, 'ru', 'https://x/s/nothing')).toBe(TEMPLATE);
    const stub = '<!doctype html><title>stub</title>';
    expect(citizenPage(stub, w, 'ru', 'https://x/s/social-services')).toBe(stub);
  });

  it.each(LANGUAGES)(
    'lets search engines find the public page in %s, under its public address',
    (lang) => {
      const html = citizenPage(
        TEMPLATE,
        w,
        lang,
        `http://10.0.0.5:3000/s/social-services?lang=${lang}`,
        'https://ovoz.example',
      );
      expect(html).not.toContain('noindex');
      expect(html).toContain(
        `<meta name="description" content="${w.description[lang].replace(/"/g, '&quot;')}">`,
      );
      expect(html).toContain(
        `<link rel="canonical" href="https://ovoz.example/s/social-services?lang=${lang}">`,
      );
      for (const l of LANGUAGES) {
        expect(html).toContain(
          `<link rel="alternate" hreflang="${l}" href="https://ovoz.example/s/social-services?lang=${l}">`,
        );
      }
      expect(html).toContain(
        '<link rel="alternate" hreflang="x-default" href="https://ovoz.example/s/social-services">',
      );
      expect(html.match(/rel="canonical"/g)).toHaveLength(1);
    },
  );

  it('keeps a one-time link out of search engines, canonical to the public address', () => {
    const html = citizenPage(TEMPLATE, w, 'ru', 'https://x/s/social-services?t=secret&lang=ru');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('<link rel="canonical" href="https://x/s/social-services?lang=ru">');
    expect(html.slice(0, html.indexOf('</head>'))).not.toContain('secret');
  });

  it('sends a poster’s signed link to the public address as its canonical', () => {
    const html = citizenPage(TEMPLATE, w, 'uz', 'https://x/s/social-services?c=signed');
    expect(html).not.toContain('noindex');
    expect(html).toContain('<link rel="canonical" href="https://x/s/social-services">');
    expect(html.slice(0, html.indexOf('</head>'))).not.toContain('signed');
  });

  it('describes a survey without a description by its title, time and anonymity', () => {
    const bare = welcomeOf('s', { title: { en: 'Pensions' } });
    expect(citizenPage(TEMPLATE, bare, 'en', 'https://x/s/s')).toContain(
      `<meta name="description" content="Pensions. ${STRINGS.en.minutes(1)}. ${STRINGS.en.anonymous}">`,
    );
  });
});
