/**
 * What each role sees in the navigation. The server decides what each role may do; this only
 * keeps a role from being offered what it would be refused (a manager never sees the designer).
 */
import type { Role } from './api/types';

export const SECTIONS = [
  'dashboard',
  'bottlenecks',
  'trend',
  'comments',
  'surveys',
  'distribution',
  'registry',
  'exports',
  'users',
  'audit',
  'webhooks',
] as const;
export type Section = (typeof SECTIONS)[number];

const REPORTS: Section[] = ['dashboard', 'bottlenecks', 'trend', 'comments'];

export const ACCESS: Readonly<Record<Role, readonly Section[]>> = {
  admin: SECTIONS,
  sociologist: ['surveys', 'distribution', 'registry', 'exports', ...REPORTS],
  manager: REPORTS,
};

export function canSee(role: Role, section: Section): boolean {
  return ACCESS[role].includes(section);
}

export const sectionPath = (section: Section) => `/admin/${section}`;

/** Where a role lands after signing in. */
export function homeOf(role: Role): string {
  return sectionPath(ACCESS[role][0] ?? 'dashboard');
}
