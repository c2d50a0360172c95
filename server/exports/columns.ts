/**
 * The columns of a responses export: what every response has (id, survey version, hour, day,
 * area, provider, sector, channel, language, service-event days), then one column per answer variable
 * (variables.ts), comments last. Turns one stored response row into its cells. Pure.
 */
import { CHANNELS } from '../../common/reports/dimensions.js';
import type { Registry } from '../repos/registry.js';
import { labels, same, texts, type Texts } from './texts.js';
import type { Cell, ExportVariable, LabelledValue } from './variables.js';

/**
 * The response columns read from the database besides `answers`, in this order: read as one JSON
 * array text (Storage.jsonArrayText), which is cheaper than a value per column.
 */
export const STORED = [
  'id',
  'version_id',
  'submitted_at',
  'day',
  'region',
  'district',
  'provider',
  'sector',
  'channel',
  'lang',
  'service_days',
] as const;

/** A stored row as an export reads it: [the STORED columns as a JSON array text, answers]. */
export type StoredRow = unknown[];

export interface Column {
  name: string;
  text: Texts;
  type: string;
  valueLabels: Texts;
  /** The coded values with their texts; empty for free answers. */
  values: LabelledValue[];
  role: string;
  versions: number[] | null;
}

const t = (uz: string, ru: string, en: string, uzCyrl: string): Texts => ({
  uz,
  'uz-Cyrl': uzCyrl,
  ru,
  en,
});

const SECTORS: { value: string; text: Texts }[] = [
  { value: 'state', text: t('Davlat', 'Государственный', 'State', 'Давлат') },
  { value: 'ngo', text: t('NNT', 'ННО', 'NGO', 'ННТ') },
  { value: 'private', text: t('Xususiy', 'Частный', 'Private', 'Хусусий') },
  { value: 'ppp', text: t('DXSh', 'ГЧП', 'Public-private partnership', 'ДХШ') },
];
const LANGS: { value: string; text: Texts }[] = [
  { value: 'uz', text: same('O‘zbekcha (lotin)') },
  { value: 'uz-Cyrl', text: same('Ўзбекча (кирилл)') },
  { value: 'ru', text: same('Русский') },
  { value: 'en', text: same('English') },
];

export interface ExportColumns {
  columns: Column[];
  /** One stored row → its cells, in column order. */
  cells(row: StoredRow): Cell[];
}

export function exportColumns(
  variables: readonly ExportVariable[],
  versionNumbers: ReadonlyMap<number, number>,
  registry: Registry,
  channels: readonly { value: string; text: Texts }[],
): ExportColumns {
  const coded = (values: readonly LabelledValue[]) => ({
    valueLabels: labels(values),
    values: [...values],
  });
  const names = (list: readonly { code: string; names: Texts }[]) =>
    coded(list.map((x) => ({ value: x.code, text: x.names })));
  const free = { valueLabels: same(''), values: [] };
  const fixed: Column[] = [
    {
      name: 'id',
      text: t(
        'Javob identifikatori',
        'Идентификатор ответа',
        'Response id',
        'Жавоб идентификатори',
      ),
      type: 'text',
      ...free,
      role: '',
      versions: null,
    },
    {
      name: 'survey_version',
      text: t('So‘rovnoma versiyasi', 'Версия анкеты', 'Survey version', 'Сўровнома версияси'),
      type: 'number',
      ...free,
      role: '',
      versions: null,
    },
    {
      name: 'submitted_hour',
      text: t(
        'Yuborilgan soat (UTC, soatgacha yaxlitlangan)',
        'Час отправки (UTC, округлён до часа)',
        'Hour submitted (UTC, rounded down to the hour)',
        'Юборилган соат (UTC, соатгача яхлитланган)',
      ),
      type: 'datetime',
      ...free,
      role: '',
      versions: null,
    },
    {
      name: 'day',
      text: t(
        'Yuborilgan kun (O‘zbekiston vaqti)',
        'День отправки (время Узбекистана)',
        'Day submitted (Uzbekistan time)',
        'Юборилган кун (Ўзбекистон вақти)',
      ),
      type: 'date',
      ...free,
      role: '',
      versions: null,
    },
    {
      name: 'region',
      text: t('Hudud', 'Регион', 'Region', 'Ҳудуд'),
      type: 'code',
      ...names(registry.regions),
      role: 'context:region',
      versions: null,
    },
    {
      name: 'district',
      text: t('Tuman (shahar)', 'Район (город)', 'District (city)', 'Туман (шаҳар)'),
      type: 'code',
      ...names(registry.districts),
      role: 'context:district',
      versions: null,
    },
    {
      name: 'provider',
      text: t('Xizmat ko‘rsatuvchi', 'Поставщик услуг', 'Service provider', 'Хизмат кўрсатувчи'),
      type: 'code',
      ...names(registry.providers),
      role: 'context:provider',
      versions: null,
    },
    {
      name: 'sector',
      text: t('Sektor', 'Сектор', 'Sector', 'Сектор'),
      type: 'code',
      ...coded(SECTORS),
      role: '',
      versions: null,
    },
    {
      name: 'channel',
      text: t('Murojaat kanali', 'Канал обращения', 'Channel', 'Мурожаат канали'),
      type: 'code',
      ...coded(channels),
      role: 'context:channel',
      versions: null,
    },
    {
      name: 'lang',
      text: t('So‘rovnoma tili', 'Язык анкеты', 'Survey language', 'Сўровнома тили'),
      type: 'code',
      ...coded(LANGS),
      role: '',
      versions: null,
    },
    {
      // The delivery-time reports use these days instead of the citizen's `delivery_days`
      // answer whenever they are present (shared/METRICS.md, "Delivery time").
      name: 'service_days',
      text: t(
        'Xizmat kunlari: bir martalik havoladagi murojaat va xizmat sanalari orasidagi kunlar; bor boʻlsa, hisobotlarda delivery_days javobi oʻrniga ishlatiladi',
        'Дни услуги: дни между датами обращения и услуги из одноразовой ссылки; если есть, отчёты используют их вместо ответа delivery_days',
        'Service days: days between the application and service dates of a one-time link; where present, reports use them instead of the delivery_days answer',
        'Хизмат кунлари: бир марталик ҳаволадаги мурожаат ва хизмат саналари орасидаги кунлар; бор бўлса, ҳисоботларда delivery_days жавоби ўрнига ишлатилади',
      ),
      type: 'number',
      ...free,
      role: 'delivery_days:service',
      versions: null,
    },
  ];
  const columns = [
    ...fixed,
    ...variables.map((v) => ({
      name: v.name,
      text: v.text,
      type: v.type,
      valueLabels: v.valueLabels,
      values: v.values,
      role: v.role,
      versions: v.versions,
    })),
  ];
  return { columns, cells: rowCells(variables, versionNumbers) };
}

const meta = (v: unknown): Cell => (typeof v === 'string' || typeof v === 'number' ? v : null);

/** One stored row → its cells, in column order (the columns of exportColumns). */
export function rowCells(
  variables: readonly Pick<ExportVariable, 'read'>[],
  versionNumbers: ReadonlyMap<number, number>,
): (row: StoredRow) => Cell[] {
  const readers = variables.map((v) => v.read);
  return (row) => {
    const stored = JSON.parse(row[0] as string) as unknown[];
    let answers: Record<string, unknown>;
    try {
      answers = JSON.parse(row[1] as string) as Record<string, unknown>;
    } catch {
      answers = {};
    }
    const out: Cell[] = [
      meta(stored[0]),
      versionNumbers.get(stored[1] as number) ?? null,
      meta(stored[2]),
      meta(stored[3]),
      meta(stored[4]),
      meta(stored[5]),
      meta(stored[6]),
      meta(stored[7]),
      meta(stored[8]),
      meta(stored[9]),
      meta(stored[10]),
    ];
    for (const read of readers) out.push(read(answers));
    return out;
  };
}

/** The channels a survey offers, for the channel column's labels (the standard four otherwise). */
export function channelLabels(
  json: Record<string, unknown> | null,
): { value: string; text: Texts }[] {
  const standard = CHANNELS.map((c) => ({
    value: c,
    text: same(c),
  }));
  if (!json) return standard;
  const found: { value: string; text: Texts }[] = [];
  const walk = (elements: unknown): void => {
    if (!Array.isArray(elements)) return;
    for (const e of elements as Record<string, unknown>[]) {
      if (e?.type === 'panel') walk(e.elements);
      else if (e?.role === 'context:channel' && Array.isArray(e.choices)) {
        for (const c of e.choices as unknown[]) {
          if (typeof c === 'string') found.push({ value: c, text: same(c) });
          else if (c && typeof c === 'object' && 'value' in c) {
            const value = String((c as { value: unknown }).value);
            found.push({ value, text: texts((c as { text?: unknown }).text, value) });
          }
        }
      }
    }
  };
  for (const p of Array.isArray(json.pages) ? (json.pages as Record<string, unknown>[]) : [])
    walk(p?.elements);
  walk(json.elements);
  return found.length ? found : standard;
}
