/**
 * The citizen page's own texts (everything that is not part of a questionnaire or of
 * survey-core's UI), in the four languages of Ovoz. Uzbek Latin uses the official ʻ (U+02BB).
 */
import type { Lang } from '../survey/types';

export interface Strings {
  /** The language's own name, for the language switcher. */
  langName: string;
  language: string;
  /** The large-text switch. */
  largeText: string;
  /** The page's heading when the survey's own title is not known (an error, no connection). */
  survey: string;
  loading: string;
  sending: string;
  /** Shown while a submission waits in localStorage. */
  pending: string;
  /** Shown while a submission waits only in memory (localStorage unavailable). */
  pendingMemory: string;
  sendNow: string;
  /** Shown while answering with no connection (the draft is on the phone). */
  offlineAnswering: string;
  /** The same, when the phone's storage is unavailable (the draft lives only in this page). */
  offlineAnsweringMemory: string;
  /** Shown when a half-answered survey was brought back. */
  restored: string;
  thanks: string;
  invalid: string;
  offline: string;
  tryAgain: string;
  code: string;
  /** The welcome screen's button that opens the first question. */
  start: string;
  /** The welcome screen: how long the survey takes, in whole minutes (at least 1). */
  minutes: (n: number) => string;
  /** The welcome screen: what anonymity means here. */
  anonymous: string;
  /** The welcome screen: a dropped connection loses nothing. */
  keptOnPhone: string;
  /** The welcome screen, before the provider (or district) a link was made for. */
  ratingFor: string;
  /** With scripts off: the link to the same survey as a plain form (`?basic=1`). */
  basicForm: string;
  errors: {
    SurveyNotFound: string;
    SurveyClosed: string;
    InvalidContext: string;
    TokenUsed: string;
    TokenExpired: string;
    Unknown: string;
  };
}

export type ErrorKey = keyof Strings['errors'];

const uz: Strings = {
  langName: 'Oʻzbekcha',
  language: 'Til',
  largeText: 'Yirik matn',
  survey: 'Soʻrovnoma',
  loading: 'Soʻrovnoma yuklanmoqda…',
  sending: 'Javoblaringiz yuborilmoqda…',
  pending: 'Javoblaringiz shu telefonda saqlandi va internet paydo boʻlganda yuboriladi.',
  pendingMemory: 'Javoblaringiz internet paydo boʻlganda yuboriladi. Iltimos, bu sahifani yopmang.',
  sendNow: 'Hozir yuborish',
  offlineAnswering:
    'Internet yoʻq. Javob berishda davom eting: javoblaringiz shu telefonda saqlanadi va internet paydo boʻlganda yuboriladi.',
  offlineAnsweringMemory:
    'Internet yoʻq. Javob berishda davom eting va bu sahifani yopmang: javoblaringiz internet paydo boʻlganda yuboriladi.',
  restored: 'Avvalgi javoblaringiz tiklandi.',
  thanks: 'Rahmat! Javoblaringiz qabul qilindi.',
  invalid: 'Iltimos, quyidagi javoblarni tekshiring:',
  offline: 'Internet aloqasi yoʻq. Aloqa tiklanishi bilan soʻrovnoma ochiladi.',
  tryAgain: 'Qayta urinish',
  code: 'Kod',
  start: 'Boshlash',
  minutes: (n) => `Taxminan ${n} daqiqa`,
  anonymous: 'Anonim: ismingiz soʻralmaydi.',
  keptOnPhone: 'Internet uzilsa, javoblaringiz shu telefonda saqlanadi.',
  ratingFor: 'Baholanayotgan joy:',
  basicForm: 'JavaScript oʻchirilganmi? Oddiy shaklni oching',
  errors: {
    SurveyNotFound: 'Bu soʻrovnoma topilmadi. Iltimos, havolani tekshiring.',
    SurveyClosed: 'Bu soʻrovnoma yopilgan. Qiziqishingiz uchun rahmat.',
    InvalidContext: 'Bu havola yaroqsiz. Iltimos, uni tekshiring yoki QR kodni qayta skanerlang.',
    TokenUsed:
      'Bu havoladan allaqachon foydalanilgan. Har bir havoladan faqat bir marta foydalanish mumkin.',
    TokenExpired: 'Bu havolaning muddati tugagan.',
    Unknown: 'Nimadir xato ketdi. Iltimos, keyinroq qayta urinib koʻring.',
  },
};

const uzCyrl: Strings = {
  langName: 'Ўзбекча',
  language: 'Тил',
  largeText: 'Йирик матн',
  survey: 'Сўровнома',
  loading: 'Сўровнома юкланмоқда…',
  sending: 'Жавобларингиз юборилмоқда…',
  pending: 'Жавобларингиз шу телефонда сақланди ва интернет пайдо бўлганда юборилади.',
  pendingMemory: 'Жавобларингиз интернет пайдо бўлганда юборилади. Илтимос, бу саҳифани ёпманг.',
  sendNow: 'Ҳозир юбориш',
  offlineAnswering:
    'Интернет йўқ. Жавоб беришда давом этинг: жавобларингиз шу телефонда сақланади ва интернет пайдо бўлганда юборилади.',
  offlineAnsweringMemory:
    'Интернет йўқ. Жавоб беришда давом этинг ва бу саҳифани ёпманг: жавобларингиз интернет пайдо бўлганда юборилади.',
  restored: 'Аввалги жавобларингиз тикланди.',
  thanks: 'Раҳмат! Жавобларингиз қабул қилинди.',
  invalid: 'Илтимос, қуйидаги жавобларни текширинг:',
  offline: 'Интернет алоқаси йўқ. Алоқа тикланиши билан сўровнома очилади.',
  tryAgain: 'Қайта уриниш',
  code: 'Код',
  start: 'Бошлаш',
  minutes: (n) => `Тахминан ${n} дақиқа`,
  anonymous: 'Аноним: исмингиз сўралмайди.',
  keptOnPhone: 'Интернет узилса, жавобларингиз шу телефонда сақланади.',
  ratingFor: 'Баҳоланаётган жой:',
  basicForm: 'JavaScript ўчирилганми? Оддий шаклни очинг',
  errors: {
    SurveyNotFound: 'Бу сўровнома топилмади. Илтимос, ҳаволани текширинг.',
    SurveyClosed: 'Бу сўровнома ёпилган. Қизиқишингиз учун раҳмат.',
    InvalidContext: 'Бу ҳавола яроқсиз. Илтимос, уни текширинг ёки QR кодни қайта сканерланг.',
    TokenUsed:
      'Бу ҳаволадан аллақачон фойдаланилган. Ҳар бир ҳаволадан фақат бир марта фойдаланиш мумкин.',
    TokenExpired: 'Бу ҳаволанинг муддати тугаган.',
    Unknown: 'Нимадир хато кетди. Илтимос, кейинроқ қайта уриниб кўринг.',
  },
};

const ru: Strings = {
  langName: 'Русский',
  language: 'Язык',
  largeText: 'Крупный текст',
  survey: 'Опрос',
  loading: 'Загрузка опроса…',
  sending: 'Отправляем ваши ответы…',
  pending: 'Ваши ответы сохранены на этом телефоне и будут отправлены, когда появится интернет.',
  pendingMemory:
    'Ваши ответы будут отправлены, когда появится интернет. Пожалуйста, не закрывайте эту страницу.',
  sendNow: 'Отправить сейчас',
  offlineAnswering:
    'Нет интернета. Продолжайте отвечать: ответы сохраняются на этом телефоне и будут отправлены, когда появится интернет.',
  offlineAnsweringMemory:
    'Нет интернета. Продолжайте отвечать и не закрывайте эту страницу: ответы будут отправлены, когда появится интернет.',
  restored: 'Ваши прежние ответы восстановлены.',
  thanks: 'Спасибо! Ваши ответы получены.',
  invalid: 'Пожалуйста, проверьте эти ответы:',
  offline: 'Нет подключения к интернету. Опрос откроется, как только связь восстановится.',
  tryAgain: 'Повторить',
  code: 'Код',
  start: 'Начать',
  minutes: (n) => `Около ${n} ${n % 10 === 1 && n % 100 !== 11 ? 'минуты' : 'минут'}`,
  anonymous: 'Анонимно: мы не спрашиваем ваше имя.',
  keptOnPhone: 'Если связь пропадёт, ответы сохранятся на этом телефоне.',
  ratingFor: 'Вы оцениваете:',
  basicForm: 'JavaScript выключен? Откройте простую форму',
  errors: {
    SurveyNotFound: 'Опрос не найден. Пожалуйста, проверьте ссылку.',
    SurveyClosed: 'Этот опрос закрыт. Спасибо за интерес.',
    InvalidContext: 'Ссылка недействительна. Проверьте её или отсканируйте QR-код ещё раз.',
    TokenUsed: 'Эта ссылка уже использована. Каждую ссылку можно использовать только один раз.',
    TokenExpired: 'Срок действия этой ссылки истёк.',
    Unknown: 'Что-то пошло не так. Пожалуйста, попробуйте позже.',
  },
};

const en: Strings = {
  langName: 'English',
  language: 'Language',
  largeText: 'Large text',
  survey: 'Survey',
  loading: 'Loading the survey…',
  sending: 'Sending your answers…',
  pending: 'Your answers are saved on this phone and will be sent when you are online.',
  pendingMemory: 'Your answers will be sent when you are online. Please keep this page open.',
  sendNow: 'Send now',
  offlineAnswering:
    'You are offline. Go on answering: your answers are saved on this phone and will be sent when you are online.',
  offlineAnsweringMemory:
    'You are offline. Go on answering and keep this page open: your answers will be sent when you are online.',
  restored: 'Your earlier answers have been restored.',
  thanks: 'Thank you! Your answers have been received.',
  invalid: 'Please check these answers:',
  offline: 'No internet connection. The survey will open as soon as you are online.',
  tryAgain: 'Try again',
  code: 'Code',
  start: 'Start',
  minutes: (n) => `About ${n} ${n === 1 ? 'minute' : 'minutes'}`,
  anonymous: 'Anonymous: we do not ask your name.',
  keptOnPhone: 'If the connection drops, your answers are kept on this phone.',
  ratingFor: 'You are rating:',
  basicForm: 'JavaScript turned off? Open the simple form',
  errors: {
    SurveyNotFound: 'This survey was not found. Please check the link.',
    SurveyClosed: 'This survey is closed. Thank you for your interest.',
    InvalidContext: 'This link is not valid. Please check it or scan the QR code again.',
    TokenUsed: 'This link has already been used. Each link can be used only once.',
    TokenExpired: 'This link has expired.',
    Unknown: 'Something went wrong. Please try again later.',
  },
};

export const STRINGS: Readonly<Record<Lang, Strings>> = { uz, 'uz-Cyrl': uzCyrl, ru, en };

/** The sentence for an API error code; unknown codes get the generic sentence. */
export function errorText(s: Strings, code: string): string {
  return code in s.errors ? s.errors[code as ErrorKey] : s.errors.Unknown;
}
