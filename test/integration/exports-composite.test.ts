/**
 * Exports of a questionnaire with composite questions: a household roster (paneldynamic), a grid
 * of scales (matrixdropdown), a dynamic matrix, a multiple text, a ranking, a range slider and a
 * computed expression. Each is flattened into documented variables (`q.row.col`, `q[1].field`,
 * `q.item`, `q.rank1`, `q.from`/`q.to`) in the codebook, responses.csv and responses.xlsx, and GNU
 * PSPP reads responses.sps on the statistics CSV with those variables, values and labels.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, testApp, type TestApp } from '../helpers/app.js';
import { call, signIn } from '../helpers/session.js';

const exec = promisify(execFile);
const SLUG = 'household';
const inAll = (text: string) => ({ uz: text, 'uz-Cyrl': text, ru: text, en: text });
const items = (...list: [string, string][]) =>
  list.map(([value, text]) => ({ value, text: inAll(text) }));

const JSON_ = {
  title: inAll('Household'),
  elements: [
    { type: 'rating', name: 'satisfaction', role: 'satisfaction', title: inAll('Satisfied?') },
    {
      type: 'paneldynamic',
      name: 'members',
      title: inAll('Members'),
      maxPanelCount: 3,
      templateElements: [
        { type: 'text', name: 'age', inputType: 'number', title: inAll('Age') },
        {
          type: 'dropdown',
          name: 'sex',
          title: inAll('Sex'),
          choices: items(['f', 'Female'], ['m', 'Male']),
        },
      ],
    },
    {
      type: 'matrixdropdown',
      name: 'care',
      title: inAll('Care'),
      rows: items(['doctor', 'Doctor'], ['nurse', 'Nurse']),
      columns: [
        { name: 'score', title: inAll('Score'), cellType: 'rating', rateMin: 1, rateMax: 5 },
        { name: 'note', title: inAll('Note'), cellType: 'text' },
      ],
    },
    {
      type: 'matrixdynamic',
      name: 'visits',
      title: inAll('Visits'),
      maxRowCount: 2,
      columns: [
        {
          name: 'month',
          title: inAll('Month'),
          cellType: 'dropdown',
          choices: items(['jan', 'January'], ['feb', 'February']),
        },
      ],
    },
    {
      type: 'multipletext',
      name: 'price',
      title: inAll('Price'),
      items: [
        { name: 'low', inputType: 'number', title: inAll('Low') },
        { name: 'high', inputType: 'number', title: inAll('High') },
      ],
    },
    {
      type: 'ranking',
      name: 'priorities',
      title: inAll('Priorities'),
      choices: items(['roads', 'Roads'], ['schools', 'Schools'], ['water', 'Water']),
    },
    { type: 'slider', name: 'hours', title: inAll('Hours'), sliderType: 'range', min: 0, max: 24 },
    {
      type: 'expression',
      name: 'spread',
      title: inAll('Spread'),
      expression: '{price.high} - {price.low}',
      displayStyle: 'decimal',
    },
  ],
};

const ANSWERS = [
  {
    satisfaction: 4,
    members: [{ age: 41, sex: 'f' }, { age: 9 }],
    care: { doctor: { score: 5, note: 'kind' }, nurse: { score: 3 } },
    visits: [{ month: 'feb' }],
    price: { low: 10, high: 25 },
    priorities: ['water', 'roads', 'schools'],
    hours: [8, 17],
  },
  { satisfaction: 2, members: [{ sex: 'm' }] },
];

let t: TestApp;
let admin: string;
let dir: string;

const get = (p: string) => t.app.request(`/api/exports/${p}`, { headers: { cookie: admin } });

beforeAll(async () => {
  t = await testApp();
  admin = await signIn(t.app);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovoz-composite-'));
  const created = await call(t.app, 'POST', '/api/admin/surveys', admin, {
    slug: SLUG,
    json: JSON_,
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const opened = await call(t.app, 'POST', `/api/admin/surveys/${SLUG}/open`, admin);
  expect(opened.status, await opened.clone().text()).toBe(200);
  for (const answers of ANSWERS) {
    const res = await postJson(t.app, `/api/public/surveys/${SLUG}/responses`, {
      id: randomUUID(),
      answers,
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }
  await t.booted.deps.writer.drain();
}, 60_000);

afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The rows of a CSV export (without its byte-order mark), as objects by header. */
async function csvRows(p: string): Promise<Record<string, string>[]> {
  const res = await get(p);
  expect(res.status, p).toBe(200);
  const text = (await res.text()).replace(/^\uFEFF/, '');
  return parse(text, { columns: true }) as Record<string, string>[];
}

const VARIABLES = [
  'members[1].age',
  'members[1].sex',
  'members[3].sex',
  'care.doctor.score',
  'care.nurse.note',
  'visits[1].month',
  'visits[2].month',
  'price.low',
  'price.high',
  'priorities.rank1',
  'priorities.rank3',
  'hours.from',
  'hours.to',
  'spread',
];

describe('composite questions in exports', () => {
  it('the codebook documents every flattened variable, with its texts and value labels', async () => {
    const rows = await csvRows(`${SLUG}/codebook.csv`);
    const byName = new Map(rows.map((r) => [r.variable, r]));
    for (const name of VARIABLES) expect(byName.has(name), name).toBe(true);
    // No slot beyond the question's own maximum, and no column for the composite itself.
    expect(byName.has('members[4].sex')).toBe(false);
    expect(byName.has('visits[3].month')).toBe(false);
    expect(byName.has('members')).toBe(false);
    expect(byName.get('members[2].sex')).toMatchObject({
      question_en: 'Members — [2] — Sex',
      value_labels_en: 'f=Female; m=Male',
    });
    expect(byName.get('care.doctor.score')).toMatchObject({
      question_en: 'Care — Doctor — Score',
      type: 'rating',
      value_labels_en: '1=1; 2=2; 3=3; 4=4; 5=5',
    });
    expect(byName.get('priorities.rank1')).toMatchObject({
      question_en: 'Priorities — rank 1',
      question_ru: 'Priorities — место 1',
      value_labels_en: 'roads=Roads; schools=Schools; water=Water',
    });
    expect(byName.get('price.low')).toMatchObject({ type: 'number' });
    expect(byName.get('spread')).toMatchObject({ type: 'number' });
  });

  it('responses.csv has one column per variable with each response’s value', async () => {
    const rows = await csvRows(`${SLUG}/responses.csv`);
    expect(rows).toHaveLength(2);
    const full = rows.find((r) => r.satisfaction === '4')!;
    const part = rows.find((r) => r.satisfaction === '2')!;
    expect(full).toMatchObject({
      'members[1].age': '41',
      'members[1].sex': 'f',
      'members[2].age': '9',
      'members[2].sex': '',
      'care.doctor.score': '5',
      'care.doctor.note': 'kind',
      'care.nurse.score': '3',
      'visits[1].month': 'feb',
      'visits[2].month': '',
      'price.low': '10',
      'price.high': '25',
      'priorities.rank1': 'water',
      'priorities.rank2': 'roads',
      'priorities.rank3': 'schools',
      'hours.from': '8',
      'hours.to': '17',
      // Computed on the server from the answers, never sent by the page.
      spread: '15',
    });
    expect(part).toMatchObject({ 'members[1].sex': 'm', 'members[1].age': '', 'price.low': '' });
  });

  it('responses.xlsx has the same columns and values', async () => {
    const res = await get(`${SLUG}/responses.xlsx`);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    for (const name of VARIABLES) expect(header, name).toContain(name);
    const values = [2, 3].map((i) => {
      const row = sheet.getRow(i).values as unknown[];
      return Object.fromEntries(header.map((h, k) => [h, row[k + 1]]));
    });
    const full = values.find((v) => String(v.satisfaction) === '4')!;
    expect(String(full['care.doctor.note'])).toBe('kind');
    expect(String(full['priorities.rank1'])).toBe('water');
    expect(String(full['members[1].age'])).toBe('41');
  });

  it('GNU PSPP reads responses.sps with the flattened variables and their labels', async () => {
    for (const p of [`${SLUG}/responses.csv?stats=1`, `${SLUG}/responses.sps?lang=en`]) {
      const res = await get(p);
      expect(res.status, p).toBe(200);
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')![1]!;
      fs.writeFileSync(path.join(dir, name), Buffer.from(await res.arrayBuffer()));
    }
    const syntax = fs.readFileSync(path.join(dir, `ovoz-${SLUG}-responses.sps`), 'utf8');
    fs.writeFileSync(
      path.join(dir, 'check.sps'),
      `${syntax}
SORT CASES BY satisfaction (D).
DISPLAY LABELS.
LIST members_1__age members_1__sex care_doctor_score priorities_rank1 hours_from spread.
`,
    );
    const { stdout } = await exec('pspp', ['-O', 'format=csv', '-o', '-', 'check.sps'], {
      cwd: dir,
    });
    expect(stdout).not.toMatch(/warning|error/i);
    expect(stdout).toContain('members_1__age');
    expect(stdout).toContain('Members — [1] — Age');
    expect(stdout).toContain('Priorities — rank 1');
    const list = stdout.slice(stdout.lastIndexOf('Table: Data List'));
    const [, first] = parse(list.split('\n').slice(1).join('\n'), {
      relax_column_count: true,
    }) as string[][];
    // Numbers as numbers (PSPP prints decimals), codes as text.
    const cells = first!.map((v) => (/^-?[\d.]+$/.test(v.trim()) ? Number(v) : v.trim()));
    expect(cells).toEqual([41, 'f', 5, 'water', 8, 15]);
  }, 60_000);
});
