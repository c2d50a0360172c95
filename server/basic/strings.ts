/**
 * The texts of the no-JavaScript form (server/basic/*) that are not part of a questionnaire, in the
 * four languages of Ovoz. The citizen page's own texts (thanks, errors) come from its STRINGS.
 */
import type { Lang } from '../../common/survey/types.js';

export interface BasicStrings {
  next: string;
  back: string;
  send: string;
  /** Where the citizen is: page `k` of `n` (the pages shown under the answers so far). */
  step: (k: number, n: number) => string;
  /** After a required question's title, for everyone (not a colour or an asterisk only). */
  required: string;
  /** A dropdown's first, empty option. */
  choose: string;
  /** The text box for an answer of one's own ("Other"). */
  otherAnswer: string;
  /** Next to a question the checks found wrong with no more precise message. */
  checkAnswer: string;
  /** The form was sent sooner than a person could answer it. */
  tooFast: string;
  /** The same form was sent again with other answers after its answers were received. */
  alreadySent: string;
  /** A questionnaire that cannot be answered without JavaScript. */
  needsScript: string;
  needsScriptHow: string;
  /** The form could not be read (e.g. it was kept open across a server key change). */
  expired: string;
  startAgain: string;
}

const uz: BasicStrings = {
  next: 'Keyingi',
  back: 'Orqaga',
  send: 'Yuborish',
  step: (k, n) => `${k}-sahifa, jami ${n}`,
  required: '(majburiy)',
  choose: 'Tanlang…',
  otherAnswer: 'Boshqa javobingiz',
  checkAnswer: 'Iltimos, bu javobni tekshiring.',
  tooFast: 'Soʻrovnoma juda tez yuborildi. Bir oz kuting va yana yuboring.',
  alreadySent: 'Javoblaringiz avvalroq qabul qilingan. Rahmat!',
  needsScript: 'Bu soʻrovnomaga javob berish uchun JavaScript kerak.',
  needsScriptHow:
    'Iltimos, havolani JavaScript yoqilgan brauzerda (masalan, telefondagi Chrome yoki Firefox) oching.',
  expired: 'Bu shaklni oʻqib boʻlmadi. Iltimos, soʻrovnomani qaytadan boshlang.',
  startAgain: 'Qaytadan boshlash',
};

const uzCyrl: BasicStrings = {
  next: 'Кейинги',
  back: 'Орқага',
  send: 'Юбориш',
  step: (k, n) => `${k}-саҳифа, жами ${n}`,
  required: '(мажбурий)',
  choose: 'Танланг…',
  otherAnswer: 'Бошқа жавобингиз',
  checkAnswer: 'Илтимос, бу жавобни текширинг.',
  tooFast: 'Сўровнома жуда тез юборилди. Бир оз кутинг ва яна юборинг.',
  alreadySent: 'Жавобларингиз аввалроқ қабул қилинган. Раҳмат!',
  needsScript: 'Бу сўровномага жавоб бериш учун JavaScript керак.',
  needsScriptHow:
    'Илтимос, ҳаволани JavaScript ёқилган браузерда (масалан, телефондаги Chrome ёки Firefox) очинг.',
  expired: 'Бу шаклни ўқиб бўлмади. Илтимос, сўровномани қайтадан бошланг.',
  startAgain: 'Қайтадан бошлаш',
};

const ru: BasicStrings = {
  next: 'Далее',
  back: 'Назад',
  send: 'Отправить',
  step: (k, n) => `Страница ${k} из ${n}`,
  required: '(обязательно)',
  choose: 'Выберите…',
  otherAnswer: 'Ваш вариант',
  checkAnswer: 'Пожалуйста, проверьте этот ответ.',
  tooFast: 'Опрос отправлен слишком быстро. Подождите немного и отправьте ещё раз.',
  alreadySent: 'Ваши ответы уже получены. Спасибо!',
  needsScript: 'Чтобы ответить на этот опрос, нужен JavaScript.',
  needsScriptHow:
    'Пожалуйста, откройте ссылку в браузере с включённым JavaScript (например, Chrome или Firefox на телефоне).',
  expired: 'Эту форму не удалось прочитать. Пожалуйста, начните опрос заново.',
  startAgain: 'Начать заново',
};

const en: BasicStrings = {
  next: 'Next',
  back: 'Back',
  send: 'Send',
  step: (k, n) => `Page ${k} of ${n}`,
  required: '(required)',
  choose: 'Choose…',
  otherAnswer: 'Your other answer',
  checkAnswer: 'Please check this answer.',
  tooFast: 'The survey was sent very quickly. Please wait a moment and send it again.',
  alreadySent: 'Your answers have already been received. Thank you!',
  needsScript: 'This survey needs JavaScript to be answered.',
  needsScriptHow:
    'Please open the link in a browser with JavaScript turned on (for example Chrome or Firefox on a phone).',
  expired: 'This form could not be read. Please start the survey again.',
  startAgain: 'Start again',
};

export const BASIC_STRINGS: Readonly<Record<Lang, BasicStrings>> = {
  uz,
  'uz-Cyrl': uzCyrl,
  ru,
  en,
};
