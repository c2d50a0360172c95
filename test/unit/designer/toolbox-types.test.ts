/**
 * The designer's toolbox offers every question type of survey-core's standard catalog that an
 * anonymous survey may have — matrices of lists, tables with added rows, repeated groups, several
 * short texts, rankings, image choices, sliders, calculated values — and each, exactly as the
 * toolbox adds it, passes the server's check; uploads are not offered at all.
 */
import { ElementFactory } from 'survey-core';
import { describe, expect, test } from 'vitest';
import { checkSurvey } from '../../../server/survey/check.js';
import { registerOvozProperties } from '../../../common/survey/properties.js';
import { creatableTypes } from '../../../web/src/admin/designer/Toolbox.js';
import { newElement } from '../../../web/src/admin/designer/model/new-question.js';
import { designerEn as en } from '../../../web/src/admin/i18n/designer-en.js';

registerOvozProperties();

const COMPOSITE = [
  'matrixdropdown',
  'matrixdynamic',
  'paneldynamic',
  'multipletext',
  'ranking',
  'imagepicker',
  'slider',
  'expression',
];

describe('the toolbox', () => {
  test('offers every type survey-core can create but uploads', () => {
    const offered = creatableTypes();
    for (const type of COMPOSITE) expect(offered).toContain(type);
    expect(offered).not.toContain('file');
    expect(offered).not.toContain('signaturepad');
    expect(offered.length).toBe(ElementFactory.Instance.getAllTypes().length - 2);
    for (const type of offered) expect(en.types[type], type).toBeTruthy();
  });

  test.each(creatableTypes())('%s, as the toolbox adds it, passes the server’s check', (type) => {
    const json = { elements: [{ type: 'rating', name: 'satisfaction' }] };
    const element = newElement(json, type);
    const result = checkSurvey({ elements: [...json.elements, element] });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});
