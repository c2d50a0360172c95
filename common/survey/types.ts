/** Shapes shared by the server and the citizen page. Pure: no I/O. */

/** A SurveyJS JSON object, with Ovoz's `role` annotations (see surveys/README.md). */
export type SurveyJson = Record<string, unknown>;

/** The four languages of Ovoz. `uz` (Latin script) is the default. */
export const LANGUAGES = ['uz', 'uz-Cyrl', 'ru', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** What a survey link may fix, so the survey does not ask it. */
export interface LinkContext {
  region?: string;
  district?: string;
  provider?: string;
  channel?: string;
}

/** Survey variables that tell the questionnaire which context the link fixed. */
export function contextVariables(ctx: LinkContext): Record<string, string> {
  const vars: Record<string, string> = {};
  if (ctx.region) vars.context_region = ctx.region;
  if (ctx.district) vars.context_district = ctx.district;
  if (ctx.provider) vars.context_provider = ctx.provider;
  if (ctx.channel) vars.context_channel = ctx.channel;
  return vars;
}
