/**
 * survey-core under the page's Content-Security-Policy (`style-src 'self'`, no 'unsafe-inline').
 *
 * survey-core 3 puts three things in the page that such a policy refuses:
 *  1. a `<style>` with its base theme (about 600 `--sjs2-*` variables on `:where(.sd-theme-root)`),
 *     rendered by survey-react-ui while `model.generateStylesheet` is true: without it nothing has
 *     a size or a colour;
 *  2. a second `<style>` with box-shadow "reset" variables computed from the rendered root;
 *  3. `style="…"` attributes inside its SVG icon sprite (set with innerHTML).
 *
 * The same rules are added here through the CSSOM instead (a constructed, adopted stylesheet, or
 * `insertRule` on the page's own stylesheet where constructed sheets are missing). The CSSOM is
 * not inline markup, so the policy allows it, and an injected `<style>` or `style` attribute
 * stays refused. `model.generateStylesheet = false` stops the two `<style>` elements.
 */
import {
  createBaseThemeStyle,
  createResetVariablesStyle,
  SvgRegistry,
  type Model,
} from 'survey-core';

let target: CSSStyleSheet | null | undefined;

/** Where rules go: an adopted constructed sheet, or the page's own (same-origin) stylesheet. */
function sheet(): CSSStyleSheet | null {
  if (target !== undefined) return target;
  target = null;
  try {
    const own = new CSSStyleSheet();
    document.adoptedStyleSheets = [own, ...document.adoptedStyleSheets];
    target = own;
  } catch {
    // Older browsers: constructed sheets are missing; use the last readable document sheet.
    for (const s of Array.from(document.styleSheets).reverse()) {
      try {
        void s.cssRules;
        target = s;
        break;
      } catch {
        // another origin's sheet (there are none, but never mind)
      }
    }
  }
  return target;
}

/** survey-core's CSS text is a list of `:where(.sd-theme-root) { … }` blocks, each at a line start. */
export function splitRules(css: string): string[] {
  return css
    .split(/\n(?=[^\s}])/)
    .map((r) => r.trim())
    .filter((r) => r.length > 0);
}

function addRules(css: string): void {
  const s = sheet();
  if (!s) return;
  for (const rule of splitRules(css)) {
    try {
      s.insertRule(rule, s.cssRules.length);
    } catch {
      // a rule this browser cannot parse: skip it, as a stylesheet would
    }
  }
}

/** Icon markup with each `style` attribute replaced by a data attribute and a CSS rule. */
export function iconRules(markup: string, id: string): { markup: string; css: string } {
  let n = 0;
  let css = '';
  const out = markup.replace(/\sstyle="([^"]*)"/g, (_, declarations: string) => {
    const key = `${id}-${n++}`;
    css += `[data-ovoz-style="${key}"] { ${declarations} }\n`;
    return ` data-ovoz-style="${key}"`;
  });
  return { markup: out, css };
}

let installed = false;

/** Once per page, before the first survey renders: the base theme and the icons' styles. */
export function installSurveyStyles(): void {
  if (installed) return;
  installed = true;
  addRules(createBaseThemeStyle());
  let css = '';
  for (const [id, markup] of Object.entries(SvgRegistry.icons)) {
    if (!markup.includes(' style="')) continue;
    const fixed = iconRules(markup, id);
    SvgRegistry.registerIconFromSymbol(id, fixed.markup);
    css += fixed.css;
  }
  if (css) addRules(css);
}

let resetAdded = false;

/** Stops survey-core's own `<style>` elements; adds its reset variables once it has rendered. */
export function useStylesheetFromCssom(model: Model): void {
  installSurveyStyles();
  model.generateStylesheet = false;
  model.onAfterRenderSurvey.add((_, options) => {
    if (resetAdded) return;
    resetAdded = true;
    addRules(createResetVariablesStyle(options.htmlElement));
  });
}
