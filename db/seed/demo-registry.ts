/**
 * A small demo registry: two real districts or cities in each region and service providers of
 * every sector (state "Inson" social service centres, NGOs, private clinics, public-private
 * partnerships). Enough to try every report; administrators import the real registry as CSV.
 */
import type { Sector } from '../schema.js';

export interface SeedName {
  uz: string;
  ru: string;
  en: string;
}

export interface SeedDistrict {
  code: string;
  region: string;
  name: SeedName;
}

export interface SeedProvider {
  code: string;
  district: string;
  region: string;
  sector: Sector;
  name: SeedName;
}

type D = [uz: string, ru: string, en: string];

const DISTRICTS: Record<string, [D, D]> = {
  'UZ-QR': [
    ['Nukus shahri', 'город Нукус', 'Nukus City'],
    ['Xo‘jayli tumani', 'Ходжейлийский район', 'Khojeli District'],
  ],
  'UZ-AN': [
    ['Andijon shahri', 'город Андижан', 'Andijan City'],
    ['Asaka tumani', 'Асакинский район', 'Asaka District'],
  ],
  'UZ-BU': [
    ['Buxoro shahri', 'город Бухара', 'Bukhara City'],
    ['G‘ijduvon tumani', 'Гиждуванский район', 'Gijduvon District'],
  ],
  'UZ-FA': [
    ['Farg‘ona shahri', 'город Фергана', 'Fergana City'],
    ['Qo‘qon shahri', 'город Коканд', 'Kokand City'],
  ],
  'UZ-JI': [
    ['Jizzax shahri', 'город Джизак', 'Jizzakh City'],
    ['Zomin tumani', 'Заминский район', 'Zomin District'],
  ],
  'UZ-NG': [
    ['Namangan shahri', 'город Наманган', 'Namangan City'],
    ['Chust tumani', 'Чустский район', 'Chust District'],
  ],
  'UZ-NW': [
    ['Navoiy shahri', 'город Навои', 'Navoiy City'],
    ['Zarafshon shahri', 'город Зарафшан', 'Zarafshan City'],
  ],
  'UZ-QA': [
    ['Qarshi shahri', 'город Карши', 'Karshi City'],
    ['Shahrisabz tumani', 'Шахрисабзский район', 'Shahrisabz District'],
  ],
  'UZ-SA': [
    ['Samarqand shahri', 'город Самарканд', 'Samarkand City'],
    ['Urgut tumani', 'Ургутский район', 'Urgut District'],
  ],
  'UZ-SI': [
    ['Guliston shahri', 'город Гулистан', 'Gulistan City'],
    ['Sirdaryo tumani', 'Сырдарьинский район', 'Syrdarya District'],
  ],
  'UZ-SU': [
    ['Termiz shahri', 'город Термез', 'Termez City'],
    ['Denov tumani', 'Денауский район', 'Denau District'],
  ],
  'UZ-TO': [
    ['Chirchiq shahri', 'город Чирчик', 'Chirchiq City'],
    ['Zangiota tumani', 'Зангиатинский район', 'Zangiota District'],
  ],
  'UZ-TK': [
    ['Yunusobod tumani', 'Юнусабадский район', 'Yunusabad District'],
    ['Chilonzor tumani', 'Чиланзарский район', 'Chilanzar District'],
  ],
  'UZ-XO': [
    ['Urganch shahri', 'город Ургенч', 'Urgench City'],
    ['Xiva shahri', 'город Хива', 'Khiva City'],
  ],
};

const KINDS: Record<Sector, (place: string, placeRu: string, placeEn: string) => SeedName> = {
  state: (p, r, e) => ({
    uz: `${p} “Inson” ijtimoiy xizmatlar markazi`,
    ru: `Центр социальных услуг «Инсон» (${r})`,
    en: `“Inson” Social Services Centre, ${e}`,
  }),
  ngo: (p, r, e) => ({
    uz: `“Nuroniy” jamg‘armasi ${p} bo‘limi`,
    ru: `Фонд «Нуроний», отделение ${r}`,
    en: `Nuroniy Foundation, ${e} branch`,
  }),
  private: (p, r, e) => ({
    uz: `“Shifo-Med” reabilitatsiya klinikasi (${p})`,
    ru: `Реабилитационная клиника «Шифо-Мед» (${r})`,
    en: `Shifo-Med Rehabilitation Clinic, ${e}`,
  }),
  ppp: (p, r, e) => ({
    uz: `${p} keksalar parvarishi markazi (DXSh)`,
    ru: `Центр ухода за пожилыми (ГЧП), ${r}`,
    en: `Elderly Care Centre (PPP), ${e}`,
  }),
};

function build(): { districts: SeedDistrict[]; providers: SeedProvider[] } {
  const districts: SeedDistrict[] = [];
  const providers: SeedProvider[] = [];
  Object.entries(DISTRICTS).forEach(([region, pair], r) => {
    pair.forEach(([uz, ru, en], i) => {
      const code = `${region}-${String(i + 1).padStart(2, '0')}`;
      districts.push({ code, region, name: { uz, ru, en } });
      const place = uz.replace(/ (shahri|tumani)$/, '');
      // Every district has a state centre; the others alternate so that every sector appears
      // in several regions.
      const sectors: Sector[] = ['state', i === 0 ? 'ngo' : 'private'];
      if (r % 3 === 0 && i === 1) sectors.push('ppp');
      sectors.forEach((sector, j) => {
        providers.push({
          code: `P-${code.slice(3)}-${j + 1}`,
          district: code,
          region,
          sector,
          name: KINDS[sector](place, ru, en),
        });
      });
    });
  });
  return { districts, providers };
}

export const demoRegistry = build();
