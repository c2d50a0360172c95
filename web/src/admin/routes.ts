/** The admin app's pages: address pattern, the section (and so the roles) it belongs to. */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Section } from './roles';

export interface PageProps {
  params: Record<string, string>;
}

export interface RouteDef {
  pattern: string;
  section: Section;
  page: LazyExoticComponent<ComponentType<PageProps>>;
  /** Rendered without the navigation (the printable report). */
  bare?: boolean;
}

/** Each page is its own chunk: a manager never downloads the designer. */
const page = (load: () => Promise<ComponentType<PageProps>>) =>
  lazy(async () => ({ default: await load() }));

export const ROUTES: readonly RouteDef[] = [
  {
    pattern: '/admin/dashboard',
    section: 'dashboard',
    page: page(async () => (await import('./dashboard/DashboardPage')).DashboardPage),
  },
  {
    pattern: '/admin/bottlenecks',
    section: 'bottlenecks',
    page: page(async () => (await import('./dashboard/BottlenecksPage')).BottlenecksPage),
  },
  {
    pattern: '/admin/trend',
    section: 'trend',
    page: page(async () => (await import('./dashboard/TrendPage')).TrendPage),
  },
  {
    pattern: '/admin/comments',
    section: 'comments',
    page: page(async () => (await import('./dashboard/CommentsPage')).CommentsPage),
  },
  {
    pattern: '/admin/report/print',
    section: 'bottlenecks',
    bare: true,
    page: page(async () => (await import('./report/PrintReportPage')).PrintReportPage),
  },
  {
    pattern: '/admin/surveys',
    section: 'surveys',
    page: page(async () => (await import('./surveys/SurveyListPage')).SurveyListPage),
  },
  {
    pattern: '/admin/surveys/new',
    section: 'surveys',
    page: page(async () => (await import('./surveys/NewSurveyPage')).NewSurveyPage),
  },
  {
    pattern: '/admin/surveys/:slug',
    section: 'surveys',
    page: page(async () => (await import('./surveys/SurveyPage')).SurveyPage),
  },
  {
    pattern: '/admin/distribution',
    section: 'distribution',
    page: page(async () => (await import('./distribution/DistributionPage')).DistributionPage),
  },
  {
    pattern: '/admin/registry',
    section: 'registry',
    page: page(async () => (await import('./registry/RegistryPage')).RegistryPage),
  },
  {
    pattern: '/admin/exports',
    section: 'exports',
    page: page(async () => (await import('./pages/ExportsPage')).ExportsPage),
  },
  {
    pattern: '/admin/users',
    section: 'users',
    page: page(async () => (await import('./users/UsersPage')).UsersPage),
  },
  {
    pattern: '/admin/audit',
    section: 'audit',
    page: page(async () => (await import('./users/AuditPage')).AuditPage),
  },
  {
    pattern: '/admin/webhooks',
    section: 'webhooks',
    page: page(async () => (await import('./webhooks/WebhooksPage')).WebhooksPage),
  },
];
