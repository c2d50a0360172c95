/**
 * What a district or a provider of the registry must be, whether it comes as JSON (PUT) or as a
 * CSV line: codes safe for links and survey expressions, names in uz, ru and en (uz-Cyrl derived
 * from uz when not given), a provider's sector, and a district that exists in the provider's region.
 */
import { z } from 'zod';
import { SECTORS, type Sector } from '../../common/reports/dimensions.js';
import type { FieldMessage } from '../errors.js';
import type { Names, Registry } from '../repos/registry.js';
import { latinToCyrillic } from '../../common/survey/translit.js';

/** Codes end up in signed links and survey conditions (common/survey/materialize.ts). */
export const registryCode = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, '1 to 64 letters, digits, - and _');

const name = z.string().trim().min(1, 'required').max(200, 'at most 200 characters');

export const namesSchema = z
  .object({ uz: name, 'uz-Cyrl': name.optional(), ru: name, en: name })
  .strict();

export const districtBody = z.object({ region: registryCode, names: namesSchema }).strict();
export const providerBody = z
  .object({
    region: registryCode,
    district: registryCode,
    sector: z.enum(SECTORS),
    names: namesSchema,
  })
  .strict();

export interface DistrictInput {
  code: string;
  region: string;
  names: Names;
}

export interface ProviderInput {
  code: string;
  region: string;
  district: string;
  sector: Sector;
  names: Names;
}

/** All four names; a missing Cyrillic one is transliterated from the Latin. */
export function completeNames(n: z.infer<typeof namesSchema>): Names {
  return { uz: n.uz, 'uz-Cyrl': n['uz-Cyrl'] ?? latinToCyrillic(n.uz), ru: n.ru, en: n.en };
}

/** The region must exist. */
export function districtProblems(d: DistrictInput, registry: Registry): FieldMessage[] {
  return registry.regions.some((r) => r.code === d.region)
    ? []
    : [{ name: 'region', message: `no region "${d.region}" in the registry` }];
}

/** The district must exist and belong to the region. */
export function providerProblems(
  p: ProviderInput,
  registry: Pick<Registry, 'regions' | 'districts'>,
): FieldMessage[] {
  if (!registry.regions.some((r) => r.code === p.region)) {
    return [{ name: 'region', message: `no region "${p.region}" in the registry` }];
  }
  const district = registry.districts.find((d) => d.code === p.district);
  if (!district)
    return [{ name: 'district', message: `no district "${p.district}" in the registry` }];
  if (district.region !== p.region) {
    return [
      {
        name: 'district',
        message: `district "${p.district}" is in region "${district.region}", not "${p.region}"`,
      },
    ];
  }
  return [];
}
