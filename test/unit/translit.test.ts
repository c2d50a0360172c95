/** Uzbek Latin → Cyrillic transliteration and the filling of uz-Cyrl texts in a SurveyJS JSON. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fillCyrillic, latinToCyrillic } from '../../common/survey/translit.js';

const REGIONS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../common/reference/regions-uz.json',
);

/** Real words and phrases with their official Cyrillic spelling. */
const WORDS: [string, string][] = [
  ['O‘zbekiston', 'Ўзбекистон'],
  ['g‘alla', 'ғалла'],
  ['shahar', 'шаҳар'],
  ['choy', 'чой'],
  ['yoshlar', 'ёшлар'],
  ['maktab', 'мактаб'],
  ['ma’lumot', 'маълумот'],
  ['Toshkent shahri', 'Тошкент шаҳри'],
  ['Qoraqalpog‘iston Respublikasi', 'Қорақалпоғистон Республикаси'],
  ['Yangiyo‘l', 'Янгийўл'],
  ['bayram', 'байрам'],
  ['Farg‘ona viloyati', 'Фарғона вилояти'],
  ['e’tibor', 'эътибор'],
  ['tez', 'тез'],
  ['eshik', 'эшик'],
  ['yer', 'ер'],
  ['yangi', 'янги'],
  ['yuz', 'юз'],
  ['yo‘q', 'йўқ'],
  ['yo‘l', 'йўл'],
  ['o‘qituvchi', 'ўқитувчи'],
  ['ijtimoiy himoya', 'ижтимоий ҳимоя'],
  ['nogironligi bo‘lgan shaxslar', 'ногиронлиги бўлган шахслар'],
  ['kam ta’minlangan oila', 'кам таъминланган оила'],
  ['mahalla', 'маҳалла'],
  ['san’at', 'санъат'],
  ['ta’lim', 'таълим'],
  ['mas’uliyat', 'масъулият'],
  ['qishloq xo‘jaligi', 'қишлоқ хўжалиги'],
  ['tug‘ilgan kun', 'туғилган кун'],
  ['bog‘', 'боғ'],
  ['o‘g‘il', 'ўғил'],
  ['g‘oya', 'ғоя'],
  ['daryo', 'дарё'],
  ['viloyat', 'вилоят'],
  ['qayerda', 'қаерда'],
  ['ayol', 'аёл'],
  ['kecha', 'кеча'],
  ['ekin', 'экин'],
  ['sheva', 'шева'],
  ['shoir', 'шоир'],
  ['Ishonch telefoni', 'Ишонч телефони'],
  ['iqtisodiyot', 'иқтисодиёт'],
  ['jamiyat', 'жамият'],
  ['hayot', 'ҳаёт'],
  ['mehnat', 'меҳнат'],
  ['ko‘cha', 'кўча'],
  ['qo‘shiq', 'қўшиқ'],
  ['xizmat', 'хизмат'],
  ['Assalomu alaykum', 'Ассалому алайкум'],
  ['Rahmat', 'Раҳмат'],
  ['Prezident', 'Президент'],
  ['pensiya', 'пенсия'],
  ['aeroport', 'аэропорт'],
  ['poeziya', 'поэзия'],
  ['Yevropa', 'Европа'],
  ['Navoiy', 'Навоий'],
  ['2024-yil 5-sentabr', '2024-йил 5-сентябрь'],
  ['Xizmat o‘z vaqtida ko‘rsatildi.', 'Хизмат ўз вақтида кўрсатилди.'],
  ['So‘rovnoma anonim: ismingizni so‘ramaymiz.', 'Сўровнома аноним: исмингизни сўрамаймиз.'],
];

describe('latinToCyrillic', () => {
  it.each(WORDS)('%s → %s', (latin, cyrillic) => {
    expect(latinToCyrillic(latin)).toBe(cyrillic);
  });

  it('transliterates every region name of the reference exactly', () => {
    const { regions } = JSON.parse(fs.readFileSync(REGIONS, 'utf8')) as {
      regions: { uz: string; 'uz-Cyrl': string }[];
    };
    expect(regions.length).toBe(14);
    for (const r of regions) expect(latinToCyrillic(r.uz)).toBe(r['uz-Cyrl']);
  });

  it('accepts every way people type o‘, g‘ and the tutuq', () => {
    for (const o of ['‘', 'ʻ', "'", '`', '’']) {
      expect(latinToCyrillic(`O${o}zbekiston`)).toBe('Ўзбекистон');
      expect(latinToCyrillic(`Farg${o}ona`)).toBe('Фарғона');
    }
    for (const t of ['’', 'ʼ', "'"]) expect(latinToCyrillic(`ma${t}lumot`)).toBe('маълумот');
  });

  it('preserves case, digraphs included', () => {
    expect(latinToCyrillic('Shahar')).toBe('Шаҳар');
    expect(latinToCyrillic('SHAHAR')).toBe('ШАҲАР');
    expect(latinToCyrillic('Choy')).toBe('Чой');
    expect(latinToCyrillic('Yoshlar')).toBe('Ёшлар');
    expect(latinToCyrillic('YOSHLAR')).toBe('ЁШЛАР');
    expect(latinToCyrillic('O‘ZBEKISTON')).toBe('ЎЗБЕКИСТОН');
    expect(latinToCyrillic('G‘alla')).toBe('Ғалла');
    expect(latinToCyrillic('Yo‘q')).toBe('Йўқ');
    expect(latinToCyrillic('Eshik')).toBe('Эшик');
    expect(latinToCyrillic('Yer')).toBe('Ер');
  });

  it('writes e as э at the start of a word and after a vowel, е after a consonant', () => {
    expect(latinToCyrillic('el')).toBe('эл');
    expect(latinToCyrillic('telefon')).toBe('телефон');
    expect(latinToCyrillic('el-yurt')).toBe('эл-юрт');
    expect(latinToCyrillic('shoir')).toBe('шоир');
    expect(latinToCyrillic('aeroport')).toBe('аэропорт');
  });

  it('keeps ts as тс in native words, ц where the convention is clear', () => {
    expect(latinToCyrillic('o‘tsa')).toBe('ўтса');
    expect(latinToCyrillic('aytsa')).toBe('айтса');
    expect(latinToCyrillic('ketsin')).toBe('кетсин');
    expect(latinToCyrillic('Konstitutsiya')).toBe('Конституция');
    expect(latinToCyrillic('patsiyent')).toBe('пациент');
    expect(latinToCyrillic('tsirk')).toBe('цирк');
    expect(latinToCyrillic('litsey')).toBe('лицей');
  });

  it('spells the exceptions the letter rules cannot derive', () => {
    expect(latinToCyrillic('kompyuter')).toBe('компьютер');
    expect(latinToCyrillic('kompyuterlar')).toBe('компьютерлар');
    expect(latinToCyrillic('obyekt')).toBe('объект');
    expect(latinToCyrillic('rayon')).toBe('район');
    expect(latinToCyrillic('poezd')).toBe('поезд');
    expect(latinToCyrillic('Oktabr')).toBe('Октябрь');
    expect(latinToCyrillic('mo‘jiza')).toBe('мўъжиза');
    expect(latinToCyrillic('Is’hoq')).toBe('Исҳоқ');
  });

  it('leaves placeholders, tags, attributes, entities and addresses alone', () => {
    expect(latinToCyrillic('Sahifa {0} / {1}')).toBe('Саҳифа {0} / {1}');
    expect(latinToCyrillic('{panelIndex}-panel')).toBe('{panelIndex}-панель');
    expect(latinToCyrillic('Salom, {name}!')).toBe('Салом, {name}!');
    expect(latinToCyrillic('<h3 class="title">Rahmat!</h3>')).toBe(
      '<h3 class="title">Раҳмат!</h3>',
    );
    expect(latinToCyrillic('<a href="https://my.gov.uz/uz" target="_blank">portal</a>')).toBe(
      '<a href="https://my.gov.uz/uz" target="_blank">портал</a>',
    );
    expect(latinToCyrillic('Ha&nbsp;yo‘q')).toBe('Ҳа&nbsp;йўқ');
    expect(latinToCyrillic('Sayt: my.gov.uz, pochta: info@ovoz.uz')).toBe(
      'Сайт: my.gov.uz, почта: info@ovoz.uz',
    );
    expect(latinToCyrillic('www.example.com sahifasi')).toBe('www.example.com саҳифаси');
  });

  it('leaves digits, punctuation, Roman numerals and other scripts alone', () => {
    expect(latinToCyrillic('')).toBe('');
    expect(latinToCyrillic('1–5, 10%: (?!) — «…»')).toBe('1–5, 10%: (?!) — «…»');
    expect(latinToCyrillic('XXI asr')).toBe('XXI аср');
    expect(latinToCyrillic('Привет, мир')).toBe('Привет, мир');
    expect(latinToCyrillic('Ўзбекистон')).toBe('Ўзбекистон');
    expect(latinToCyrillic('‘Ha’ deb javob bering')).toBe('‘Ҳа’ деб жавоб беринг');
  });
});

describe('fillCyrillic', () => {
  const sample = {
    title: { uz: 'Ijtimoiy xizmatlar', ru: 'Социальные услуги', en: 'Social services' },
    description: 'Plain text stays as it is',
    completedHtml: { uz: '<h3>Rahmat!</h3><p>Javoblaringiz qabul qilindi.</p>', en: 'Thanks' },
    ovozStatus: 'open',
    pages: [
      {
        name: 'p1',
        title: { uz: 'Umumiy fikr', 'uz-Cyrl': 'Бошқача ёзилган', en: 'Overall' },
        elements: [
          {
            type: 'rating',
            name: 'satisfaction',
            role: 'satisfaction',
            title: { uz: 'Qanchalik mamnunsiz?', en: 'How satisfied are you?' },
            minRateDescription: { uz: 'Juda noroziman' },
            rateCount: 5,
            isRequired: true,
          },
          {
            type: 'radiogroup',
            name: 'paid',
            choices: [
              { value: 'none', text: { uz: 'Yo‘q', en: 'No' } },
              { value: 'na', text: { uz: 'Bilmayman', 'uz-Cyrl': 'Билмадим' } },
              'plain',
              3,
            ],
            visibleIf: "{x} = 'y'",
          },
        ],
      },
    ],
    variables: [{ uz: 'not a text', value: 1 }],
  };

  it('adds uz-Cyrl where a text has uz and lacks it, right after uz', () => {
    const out = fillCyrillic(sample) as typeof sample & Record<string, unknown>;
    expect(out.title).toEqual({
      uz: 'Ijtimoiy xizmatlar',
      'uz-Cyrl': 'Ижтимоий хизматлар',
      ru: 'Социальные услуги',
      en: 'Social services',
    });
    expect(Object.keys(out.title)).toEqual(['uz', 'uz-Cyrl', 'ru', 'en']);
    expect(out.completedHtml).toEqual({
      uz: '<h3>Rahmat!</h3><p>Javoblaringiz qabul qilindi.</p>',
      'uz-Cyrl': '<h3>Раҳмат!</h3><p>Жавобларингиз қабул қилинди.</p>',
      en: 'Thanks',
    });
    const [rating, radio] = out.pages[0]!.elements as unknown as [
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    expect(rating.title).toEqual({
      uz: 'Qanchalik mamnunsiz?',
      'uz-Cyrl': 'Қанчалик мамнунсиз?',
      en: 'How satisfied are you?',
    });
    expect(rating.minRateDescription).toEqual({
      uz: 'Juda noroziman',
      'uz-Cyrl': 'Жуда норозиман',
    });
    expect((radio.choices as unknown[])[0]).toEqual({
      value: 'none',
      text: { uz: 'Yo‘q', 'uz-Cyrl': 'Йўқ', en: 'No' },
    });
  });

  it('never overrides an existing uz-Cyrl', () => {
    const out = fillCyrillic(sample) as typeof sample;
    expect(out.pages[0]!.title['uz-Cyrl']).toBe('Бошқача ёзилган');
    const radio = out.pages[0]!.elements[1] as { choices: unknown[] };
    expect(radio.choices[1]).toEqual({
      value: 'na',
      text: { uz: 'Bilmayman', 'uz-Cyrl': 'Билмадим' },
    });
  });

  it('leaves everything else as it was and does not modify its input', () => {
    const before = JSON.stringify(sample);
    const out = fillCyrillic(sample) as typeof sample;
    expect(JSON.stringify(sample)).toBe(before);
    expect(out).not.toBe(sample);
    expect(out.description).toBe('Plain text stays as it is');
    expect(out.ovozStatus).toBe('open');
    const [rating, radio] = out.pages[0]!.elements as unknown as [
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    expect(rating.role).toBe('satisfaction');
    expect(rating.rateCount).toBe(5);
    expect(rating.isRequired).toBe(true);
    expect(radio.visibleIf).toBe("{x} = 'y'");
    expect((radio.choices as unknown[]).slice(2)).toEqual(['plain', 3]);
    // An object with a `uz` key that is not a localisable string is not touched.
    expect(out.variables).toEqual([{ uz: 'not a text', value: 1 }]);
  });

  it('passes scalars and arrays through', () => {
    expect(fillCyrillic(null)).toBeNull();
    expect(fillCyrillic('x')).toBe('x');
    expect(fillCyrillic(5)).toBe(5);
    expect(fillCyrillic([{ uz: 'choy' }])).toEqual([{ uz: 'choy', 'uz-Cyrl': 'чой' }]);
  });

  it('is idempotent', () => {
    const once = fillCyrillic(sample);
    expect(fillCyrillic(once)).toEqual(once);
  });
});
