/** Turns a link's context, or the citizen's own answers, into the response's grouping dimensions. */
import { AppError } from '../errors.js';
import type { Dims } from '../../db/rollups/batch.js';
import type { RoleVariable } from '../ingest/facts.js';
import { registryIndex, type Registry } from '../repos/registry.js';
import type { LinkContext } from '../../common/survey/types.js';

/** Checks a link's codes against the registry and completes them (a provider fixes its district and region). */
export function completeContext(registry: Registry, ctx: LinkContext): LinkContext {
  const out: LinkContext = { ...ctx };
  if (out.provider) {
    const p = registryIndex(registry).providers.get(out.provider);
    if (!p) throw new AppError('InvalidContext', 'the link names an unknown provider');
    if ((out.district && out.district !== p.district) || (out.region && out.region !== p.region)) {
      throw new AppError('InvalidContext', 'the link names a provider outside its area');
    }
    out.district = p.district;
    out.region = p.region;
  }
  if (out.district) {
    const d = registryIndex(registry).districts.get(out.district);
    if (!d) throw new AppError('InvalidContext', 'the link names an unknown district');
    if (out.region && out.region !== d.region) {
      throw new AppError('InvalidContext', 'the link names a district outside its region');
    }
    out.region = d.region;
  }
  if (out.region && !registryIndex(registry).regions.has(out.region)) {
    throw new AppError('InvalidContext', 'the link names an unknown region');
  }
  return out;
}

function answerFor(
  roles: readonly RoleVariable[],
  data: Record<string, unknown>,
  role: string,
): string | null {
  const v = roles.find((r) => r.role === role && r.row === undefined);
  const value = v ? data[v.question] : undefined;
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The link's context wins; otherwise the answers to the context questions; the registry gives the sector. */
export function responseDims(
  registry: Registry,
  ctx: LinkContext,
  roles: readonly RoleVariable[],
  data: Record<string, unknown>,
): Dims {
  const answered = answerFor(roles, data, 'context:provider');
  // "Not listed" (the provider question's none item, common/survey/materialize.ts): no provider.
  const provider = ctx.provider ?? (answered === 'none' ? null : answered);
  const index = registryIndex(registry);
  const p = provider ? index.providers.get(provider) : undefined;
  const district = ctx.district ?? p?.district ?? answerFor(roles, data, 'context:district');
  const d = district ? index.districts.get(district) : undefined;
  return {
    region: ctx.region ?? p?.region ?? d?.region ?? answerFor(roles, data, 'context:region'),
    district,
    provider,
    sector: p?.sector ?? null,
    channel: ctx.channel ?? answerFor(roles, data, 'context:channel'),
  };
}
