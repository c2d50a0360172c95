/** surveys/*.json sync: a changed file becomes a new version; an unchanged file changes nothing. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boot } from '../../server/boot.js';
import { parseConfig } from '../../server/config.js';
import { saveSurveyVersion } from '../../server/repos/surveys.js';
import { databaseUrlFor } from '../helpers/database.js';
import { runCli } from '../helpers/bundled-server.js';
import { TEST_CHECK_BUDGET, tempDir } from '../helpers/server.js';

const survey = (title: string, status?: string) => ({
  ...(status ? { ovozStatus: status } : {}),
  title: { uz: title, 'uz-Cyrl': title, ru: title, en: title },
  elements: [
    {
      type: 'rating',
      name: 'satisfaction',
      role: 'satisfaction',
      isRequired: true,
      title: {
        uz: 'Qoniqdingizmi?',
        'uz-Cyrl': 'Қониқдингизми?',
        ru: 'Довольны?',
        en: 'Satisfied?',
      },
    },
  ],
});

async function bootOnce(dir: string) {
  const booted = await boot(
    parseConfig({
      DATABASE_URL: await databaseUrlFor(dir),
      OVOZ_SURVEYS_DIR: path.join(dir, 'surveys'),
      OVOZ_ADMIN_PASSWORD: 'a-long-enough-password',
      OVOZ_LOG: 'silent',
      ...TEST_CHECK_BUDGET,
    }),
  );
  const versions = await booted.deps.db
    .selectFrom('survey_version as v')
    .innerJoin('survey as s', 's.id', 'v.survey_id')
    .select(['s.slug', 's.status', 'v.version'])
    .orderBy('s.slug')
    .orderBy('v.version')
    .execute();
  const stored = await booted.deps.db
    .selectFrom('survey_version as v')
    .innerJoin('survey as s', 's.id', 'v.survey_id')
    .select(['s.slug', 'v.json'])
    .orderBy('s.slug')
    .orderBy('v.version')
    .execute();
  await booted.storage.close();
  return { synced: booted.synced, refused: booted.refused, versions, stored };
}

describe('survey file sync', () => {
  it('creates, keeps and versions surveys from their files', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'surveys'));
    const write = (slug: string, json: unknown) =>
      fs.writeFileSync(path.join(dir, 'surveys', `${slug}.json`), JSON.stringify(json, null, 2));
    write('poster', survey('Fikringiz', 'open'));
    write('pilot', survey('Sinov'));

    const first = await bootOnce(dir);
    expect(first.versions).toEqual([
      { slug: 'pilot', status: 'draft', version: 1 },
      { slug: 'poster', status: 'open', version: 1 },
    ]);

    // The same content, formatted differently, is not a change.
    fs.writeFileSync(
      path.join(dir, 'surveys', 'poster.json'),
      JSON.stringify(survey('Fikringiz', 'open')),
    );
    const second = await bootOnce(dir);
    expect(second.synced.every((s) => !s.created)).toBe(true);
    expect(second.versions).toHaveLength(2);

    write('poster', survey('Fikringiz muhim', 'open'));
    const third = await bootOnce(dir);
    expect(third.synced.find((s) => s.slug === 'poster')).toEqual({
      slug: 'poster',
      version: 2,
      created: true,
    });
    expect(third.versions).toContainEqual({ slug: 'poster', status: 'open', version: 2 });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a file that is not valid JSON by name, and still syncs the others', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'surveys'));
    fs.writeFileSync(path.join(dir, 'surveys', 'broken.json'), '{ "title": ');
    fs.writeFileSync(path.join(dir, 'surveys', 'fine.json'), JSON.stringify(survey('Yaxshi')));
    const run = await bootOnce(dir);
    expect(run.refused).toEqual([
      { file: 'broken.json', reason: expect.stringMatching(/not valid JSON/) },
    ]);
    expect(run.versions).toEqual([{ slug: 'fine', status: 'draft', version: 1 }]);
  });
});

describe('synced files go through the designer’s checks', () => {
  const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script><b>Rahmat</b>';

  it('stores markup in titles and completedHtml sanitised, as the designer would', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'surveys'));
    fs.writeFileSync(
      path.join(dir, 'surveys', 'marked.json'),
      JSON.stringify({
        ...survey('x'),
        title: { uz: `Fikr ${HOSTILE}`, 'uz-Cyrl': 'Фикр', ru: 'Мнение', en: 'Opinion' },
        completedHtml: {
          uz: `<p>Rahmat</p>${HOSTILE}`,
          en: '<p>Thanks</p><a href="javascript:alert(3)">x</a>',
        },
      }),
    );
    const run = await bootOnce(dir);
    expect(run.refused).toEqual([]);
    const json = JSON.parse(run.stored[0]!.json) as {
      title: Record<string, string>;
      completedHtml: Record<string, string>;
    };
    for (const text of [json.title.uz, json.completedHtml.uz, json.completedHtml.en]) {
      expect(text).not.toMatch(/<img|<script|onerror|javascript:|alert\(2\)/i);
    }
    expect(json.completedHtml.uz).toBe('<p>Rahmat</p>Rahmat');
  });

  it('refuses a file that fails the checks by name with the reason; the others sync', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'surveys'));
    const write = (name: string, json: unknown) =>
      fs.writeFileSync(path.join(dir, 'surveys', name), JSON.stringify(json));
    write('alpha.json', survey('Alfa'));
    write('catastrophic.json', {
      elements: [{ type: 'text', name: 'code', validators: [{ type: 'regex', regex: '^(a+)+$' }] }],
    });
    write('no-questions.json', { title: 'Empty', elements: [] });
    write('Bad Name.json', survey('x'));
    write('zeta.json', survey('Zeta'));
    const run = await bootOnce(dir);
    expect(run.stored.map((v) => v.slug)).toEqual(['alpha', 'zeta']);
    expect(run.refused.map((r) => r.file).sort()).toEqual([
      'Bad Name.json',
      'catastrophic.json',
      'no-questions.json',
    ]);
    const reason = (file: string) => run.refused.find((r) => r.file === file)!.reason;
    expect(reason('catastrophic.json')).toMatch(/question "code".*answer format/);
    expect(reason('no-questions.json')).toMatch(/at least one question/);
    expect(reason('Bad Name.json')).toMatch(/slug/);
  });

  it('`ovoz surveys sync` names each refused file and its reason, syncs the rest, exits 1', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'surveys'));
    fs.writeFileSync(path.join(dir, 'surveys', 'good.json'), JSON.stringify(survey('Yaxshi')));
    fs.writeFileSync(
      path.join(dir, 'surveys', 'bad.json'),
      JSON.stringify({ elements: [{ type: 'rating', name: 'q', role: 'no-such-role' }] }),
    );
    const cli = await runCli(await databaseUrlFor(dir), [
      'surveys',
      'sync',
      path.join(dir, 'surveys'),
    ]);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toMatch(/good\.json: version 1 saved/);
    expect(cli.stderr).toMatch(/bad\.json: refused: .*unknown role "no-such-role"/);
    expect(cli.stdout).toMatch(/1 synced, 1 refused/);
  });
});

describe('file sync and the designer', () => {
  it('does not undo a version saved in the designer while its file is unchanged', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'surveys'));
    fs.writeFileSync(
      path.join(dir, 'surveys', 'poster.json'),
      JSON.stringify(survey('Fikringiz', 'open')),
    );
    await bootOnce(dir);
    // A sociologist saves version 2 through the API (same repository function).
    const booted = await boot(
      parseConfig({
        DATABASE_URL: await databaseUrlFor(dir),
        OVOZ_SURVEYS_DIR: path.join(dir, 'surveys'),
        OVOZ_LOG: 'silent',
        ...TEST_CHECK_BUDGET,
      }),
    );
    await saveSurveyVersion(booted.deps.db, 'poster', survey('Designer edit', 'open'), 'open');
    await booted.storage.close();

    const restarted = await bootOnce(dir);
    expect(restarted.synced).toEqual([{ slug: 'poster', version: 2, created: false }]);
    expect(restarted.versions).toEqual([
      { slug: 'poster', status: 'open', version: 1 },
      { slug: 'poster', status: 'open', version: 2 },
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('a file that opens itself', () => {
  it('is refused, naming the missing text, while it is not ready to open', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'surveys'));
    const notReady = {
      ovozStatus: 'open',
      title: { uz: 'Fikringiz', 'uz-Cyrl': 'Фикрингиз', ru: 'Ваше мнение', en: 'Your view' },
      elements: [
        {
          type: 'rating',
          name: 'satisfaction',
          role: 'satisfaction',
          isRequired: true,
          // No Russian title although the survey offers Russian.
          title: { uz: 'Qoniqdingizmi?', 'uz-Cyrl': 'Қониқдингизми?', en: 'Satisfied?' },
        },
      ],
    };
    fs.writeFileSync(path.join(dir, 'surveys', 'not-ready.json'), JSON.stringify(notReady));
    fs.writeFileSync(
      path.join(dir, 'surveys', 'ready.json'),
      JSON.stringify(survey('Yaxshi', 'open')),
    );
    const run = await bootOnce(dir);
    expect(run.refused.map((r) => r.file)).toEqual(['not-ready.json']);
    expect(run.refused[0]!.reason).toMatch(/not ready to open: .*satisfaction/);
    expect(run.versions.map((v) => v.slug)).toEqual(['ready']);
  });
});

describe('the check time of a file', () => {
  it('is the configured one (OVOZ_CHECK_BUDGET_MS), as for the designer’s checks', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'surveys'));
    // 300 questions, each shown only when the one before is answered: longer than 10 ms to check.
    const long = survey('Uzun');
    long.elements = Array.from({ length: 300 }, (_, i) => ({
      ...long.elements[0]!,
      name: `q${i}`,
      ...(i ? { role: undefined, visibleIf: `{q${i - 1}} notempty` } : {}),
    }));
    fs.writeFileSync(path.join(dir, 'surveys', 'long.json'), JSON.stringify(long));
    const booted = await boot(
      parseConfig({
        DATABASE_URL: await databaseUrlFor(dir),
        OVOZ_SURVEYS_DIR: path.join(dir, 'surveys'),
        OVOZ_LOG: 'silent',
        OVOZ_CHECK_BUDGET_MS: '10',
      }),
    );
    await booted.storage.close();
    expect(booted.synced).toEqual([]);
    expect(booted.refused).toEqual([
      {
        file: 'long.json',
        reason: expect.stringMatching(/longer than 0.01 s \(limit: check time\)/),
      },
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
