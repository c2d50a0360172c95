/** What demo respondents write in the comment box, by what went wrong (or right), per language. */
import { latinToCyrillic } from '../../common/survey/translit.js';
import type { Lang } from '../../common/survey/types.js';
import type { Driver } from './planted.js';

type Phrase = { uz: string; ru: string; en: string };

const ISSUES: Record<Driver, Phrase> = {
  timeliness: {
    uz: 'Navbat juda uzun, hujjatlarimni bir oydan ortiq ko‘rib chiqishdi.',
    ru: 'Очень долго ждали, документы рассматривали больше месяца.',
    en: 'The wait was very long; my documents took over a month.',
  },
  ease: {
    uz: 'Ariza topshirish juda murakkab, ko‘p joyga borishga to‘g‘ri keldi.',
    ru: 'Подать заявление очень сложно, пришлось ходить по многим местам.',
    en: 'Applying is far too complicated; I had to go to many offices.',
  },
  information: {
    uz: 'Qanday hujjatlar kerakligini hech kim tushuntirmadi.',
    ru: 'Никто не объяснил, какие нужны документы.',
    en: 'Nobody explained which documents were needed.',
  },
  courtesy: {
    uz: 'Xodimlar qo‘pol muomala qilishdi.',
    ru: 'Сотрудники были грубыми.',
    en: 'The staff were rude.',
  },
  fairness: {
    uz: 'Tezroq bo‘lishi uchun qo‘shimcha pul so‘rashdi.',
    ru: 'Просили дополнительные деньги, чтобы ускорить.',
    en: 'They asked for extra money to speed things up.',
  },
  accessibility: {
    uz: 'Binoda pandus yo‘q, aravachada kira olmadim.',
    ru: 'В здании нет пандуса, на коляске не попасть.',
    en: 'There is no ramp; I could not get in with my wheelchair.',
  },
  outcome: {
    uz: 'Masalam hal bo‘lmadi.',
    ru: 'Мой вопрос так и не решили.',
    en: 'My problem was not solved.',
  },
};

const PRAISE: Phrase[] = [
  {
    uz: 'Hammasi yaxshi, rahmat!',
    ru: 'Всё хорошо, спасибо!',
    en: 'Everything was fine, thank you!',
  },
  {
    uz: 'Xodimlar xushmuomala, tez yordam berishdi.',
    ru: 'Сотрудники вежливые, помогли быстро.',
    en: 'The staff were kind and helped quickly.',
  },
];

function inLang(p: Phrase, lang: Lang): string {
  return lang === 'uz-Cyrl' ? latinToCyrillic(p.uz) : p[lang];
}

export function complaint(driver: Driver, lang: Lang): string {
  return inLang(ISSUES[driver], lang);
}

export function praise(which: number, lang: Lang): string {
  return inLang(PRAISE[which % PRAISE.length]!, lang);
}
