/**
 * Every creatable survey-core question type (and the survey, a page, a panel): each property the
 * Serializer shows for it has an editor in the property panel — asked of the generator and seen
 * in the rendered panel (a labelled control under `data-prop="<name>"`).
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { ElementFactory, Model, Serializer } from 'survey-core';
import { describe, expect, test } from 'vitest';
import { registerOvozProperties } from '../../../common/survey/properties.js';
import { newElement } from '../../../web/src/admin/designer/model/new-question.js';
import { editorFor, visibleProperties } from '../../../web/src/admin/designer/model/properties.js';
import { PropertyPanel } from '../../../web/src/admin/designer/PropertyPanel.js';
import { LangProvider } from '../../../web/src/admin/i18n/lang.js';

registerOvozProperties();
const TYPES = ElementFactory.Instance.getAllTypes();

function render(
  className: string,
  element: Record<string, unknown>,
  instance: unknown,
  json: Record<string, unknown>,
) {
  return renderToString(
    createElement(
      LangProvider,
      null,
      createElement(PropertyPanel, {
        idBase: 'p',
        className,
        element,
        instance,
        json,
        lang: 'uz',
        title: className,
        onChange: () => undefined,
        onRename: () => undefined,
      }),
    ),
  );
}

/** The markup of one property's field. */
function field(html: string, name: string): string | null {
  const start = html.indexOf(`data-prop="${name}"`);
  if (start < 0) return null;
  const next = html.indexOf('class="dz-field"', start + 10);
  return html.slice(start, next < 0 ? undefined : next);
}

describe('the property panel has an editor for every visible property', () => {
  test('survey-core still creates the types this test walks', () => {
    expect(TYPES).toEqual(
      expect.arrayContaining([
        'text',
        'radiogroup',
        'rating',
        'matrix',
        'matrixdropdown',
        'paneldynamic',
        'panel',
        'slider',
      ]),
    );
  });

  test.each(TYPES)('%s', (type) => {
    const element = newElement({ pages: [{ name: 'p', elements: [] }] }, type);
    const json = { pages: [{ name: 'p', elements: [element] }] };
    const model = new Model();
    model.setDesignMode(true);
    model.fromJSON(json);
    const instance =
      model.getQuestionByName(String(element.name)) ?? model.getPanelByName(String(element.name));
    expect(instance, `survey-core made no ${type}`).toBeTruthy();
    const views = visibleProperties(type, instance);
    // Every property the Serializer shows (statically) that the canvas does not edit itself.
    const shown = Serializer.getProperties(type).filter(
      (p) =>
        p.isVisible('', instance) &&
        !['pages', 'elements', 'templateElements', 'questions'].includes(p.name),
    );
    expect(views.map((v) => v.name).sort()).toEqual(shown.map((p) => p.name).sort());
    const html = render(type, element, instance, json);
    for (const v of views) {
      expect(editorFor(v.prop)).toBe(v.editor);
      const markup = field(html, v.name);
      expect(markup, `${type}.${v.name} has no field`).not.toBeNull();
      expect(markup!, `${type}.${v.name} (${v.editor}) has no control`).toMatch(
        /<(input|select|textarea|button|fieldset|p) /,
      );
    }
  });

  test.each(['survey', 'page'])('%s', (className) => {
    const json = { title: 'T', pages: [{ name: 'p', elements: [{ type: 'text', name: 'q' }] }] };
    const model = new Model();
    model.setDesignMode(true);
    model.fromJSON(json);
    const instance = className === 'survey' ? model : model.pages[0];
    const element = className === 'survey' ? json : json.pages[0]!;
    const views = visibleProperties(className, instance);
    expect(views.length).toBeGreaterThan(10);
    const html = render(className, element, instance, json);
    for (const v of views) expect(field(html, v.name), `${className}.${v.name}`).not.toBeNull();
  });

  test('hand-made editors cover choices, matrix rows and columns, validators, triggers, calculated values and masks', () => {
    const kind = (cls: string, prop: string) => editorFor(Serializer.findProperty(cls, prop)!);
    expect(kind('radiogroup', 'choices')).toBe('items');
    expect(kind('matrix', 'rows')).toBe('items');
    expect(kind('matrix', 'columns')).toBe('items');
    expect(kind('matrixdropdown', 'columns')).toBe('columns');
    expect(kind('text', 'validators')).toBe('validators');
    expect(kind('survey', 'triggers')).toBe('triggers');
    expect(kind('survey', 'calculatedValues')).toBe('calculated');
    expect(kind('text', 'maskSettings')).toBe('mask');
    expect(kind('text', 'visibleIf')).toBe('condition');
    expect(kind('rating', 'role')).toBe('role');
  });
});
