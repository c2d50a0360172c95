/** The open data page's texts in the four languages (Uzbek Cyrillic written out, not derived). */
import type { Lang } from '../../common/survey/types.js';
import type { Sector } from '../../common/reports/dimensions.js';

export interface OpenStrings {
  title: string;
  intro: string;
  protected: string;
  download: string;
  licence: string;
  survey: string;
  month: string;
  region: string;
  sector: string;
  n: string;
  satisfaction: string;
  coverage: string;
  kpi: string;
  all: string;
  notStated: string;
  suppressed: string;
  suppressedNote: string;
  none: string;
  sectors: Record<Sector, string>;
}

export const OPEN_STRINGS: Record<Lang, OpenStrings> = {
  en: {
    title: 'Open data: satisfaction with social services',
    intro:
      'Monthly satisfaction, coverage and the Social KPI index by region and sector, from citizens’ answers.',
    protected:
      'Figures are protected: every count carries small random noise, and 95% intervals include it.',
    download: 'Download',
    licence: 'Licence',
    survey: 'Survey',
    month: 'Month',
    region: 'Region',
    sector: 'Sector',
    n: 'Answers',
    satisfaction: 'Satisfied (95% interval)',
    coverage: 'Coverage',
    kpi: 'Social KPI index (95% interval)',
    all: 'All',
    notStated: 'Not stated',
    suppressed: 'hidden',
    suppressedNote:
      '“hidden”: too few answers to show, or hidden so that it cannot be worked out from the totals.',
    none: 'No month has been published yet.',
    sectors: { state: 'State', ngo: 'Non-governmental', private: 'Private', ppp: 'Public–private' },
  },
  ru: {
    title: 'Открытые данные: удовлетворённость социальными услугами',
    intro:
      'Удовлетворённость, охват и индекс социальных KPI по месяцам, регионам и секторам — по ответам граждан.',
    protected:
      'Цифры защищены: к каждому счёту добавлен небольшой случайный шум, 95% интервалы его учитывают.',
    download: 'Скачать',
    licence: 'Лицензия',
    survey: 'Опрос',
    month: 'Месяц',
    region: 'Регион',
    sector: 'Сектор',
    n: 'Ответов',
    satisfaction: 'Удовлетворены (95% интервал)',
    coverage: 'Охват',
    kpi: 'Индекс социальных KPI (95% интервал)',
    all: 'Все',
    notStated: 'Не указан',
    suppressed: 'скрыто',
    suppressedNote:
      '«скрыто»: слишком мало ответов, или скрыто, чтобы значение нельзя было вычислить из итогов.',
    none: 'Пока не опубликовано ни одного месяца.',
    sectors: {
      state: 'Государственный',
      ngo: 'Негосударственный некоммерческий',
      private: 'Частный',
      ppp: 'ГЧП',
    },
  },
  uz: {
    title: 'Ochiq maʼlumotlar: ijtimoiy xizmatlardan qoniqish',
    intro:
      'Fuqarolar javoblari bo‘yicha oylik qoniqish, qamrov va ijtimoiy KPI indeksi — hudud va sektor kesimida.',
    protected:
      'Raqamlar himoyalangan: har bir hisobga kichik tasodifiy shovqin qo‘shilgan, 95% oraliqlar uni hisobga oladi.',
    download: 'Yuklab olish',
    licence: 'Litsenziya',
    survey: 'So‘rov',
    month: 'Oy',
    region: 'Hudud',
    sector: 'Sektor',
    n: 'Javoblar',
    satisfaction: 'Qoniqqan (95% oraliq)',
    coverage: 'Qamrov',
    kpi: 'Ijtimoiy KPI indeksi (95% oraliq)',
    all: 'Hammasi',
    notStated: 'Ko‘rsatilmagan',
    suppressed: 'yashirilgan',
    suppressedNote:
      '«yashirilgan»: javoblar juda kam yoki jami raqamlardan hisoblab bo‘lmasligi uchun yashirilgan.',
    none: 'Hali birorta oy eʼlon qilinmagan.',
    sectors: { state: 'Davlat', ngo: 'Nodavlat notijorat', private: 'Xususiy', ppp: 'DXSh' },
  },
  'uz-Cyrl': {
    title: 'Очиқ маълумотлар: ижтимоий хизматлардан қониқиш',
    intro:
      'Фуқаролар жавоблари бўйича ойлик қониқиш, қамров ва ижтимоий KPI индекси — ҳудуд ва сектор кесимида.',
    protected:
      'Рақамлар ҳимояланган: ҳар бир ҳисобга кичик тасодифий шовқин қўшилган, 95% оралиқлар уни ҳисобга олади.',
    download: 'Юклаб олиш',
    licence: 'Лицензия',
    survey: 'Сўров',
    month: 'Ой',
    region: 'Ҳудуд',
    sector: 'Сектор',
    n: 'Жавоблар',
    satisfaction: 'Қониққан (95% оралиқ)',
    coverage: 'Қамров',
    kpi: 'Ижтимоий KPI индекси (95% оралиқ)',
    all: 'Ҳаммаси',
    notStated: 'Кўрсатилмаган',
    suppressed: 'яширилган',
    suppressedNote:
      '«яширилган»: жавоблар жуда кам ёки жами рақамлардан ҳисоблаб бўлмаслиги учун яширилган.',
    none: 'Ҳали бирорта ой эълон қилинмаган.',
    sectors: { state: 'Давлат', ngo: 'Нодавлат нотижорат', private: 'Хусусий', ppp: 'ДХШ' },
  },
};
