/** surveys/*.json sync: a changed file becomes a new version; an unchanged file changes nothing. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boot } from '../../server/boot.js';
import { parseConfig } from '../../server/config.js';
import { saveSurveyVersion } from '../../server/repos/surveys.js';
import { databaseUrlFor } from '../helpers/database.js';
import { tempDir } from '../helpers/server.js';

const survey = (title: string, status?: string) => ({
  ...(status ? { ovozStatus: status } : {}),
  title: { uz: title, 'uz-Cyrl': title, ru: title, en: title },
  elements: [{ type: 'rating', name: 'satisfaction', role: 'satisfaction', isRequired: true }],
});

async function bootOnce(dir: string) {
  const booted = await boot(
    parseConfig({
      DATABASE_URL: await databaseUrlFor(dir),
      OVOZ_SURVEYS_DIR: path.join(dir, 'surveys'),
      OVOZ_ADMIN_PASSWORD: 'a-long-enough-password',
      OVOZ_LOG: 'silent',
    }),
  );
  const versions = await booted.deps.db
    .selectFrom('survey_version as v')
    .innerJoin('survey as s', 's.id', 'v.survey_id')
    .select(['s.slug', 's.status', 'v.version'])
    .orderBy('s.slug')
    .orderBy('v.version')
    .execute();
  await booted.storage.close();
  return { synced: booted.synced, versions };
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

  it('names the file when it is not valid JSON', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'surveys'));
    fs.writeFileSync(path.join(dir, 'surveys', 'broken.json'), '{ "title": ');
    await expect(bootOnce(dir)).rejects.toThrow(/surveys\/broken\.json/);
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
