/** `useReport(kind, filters, extra)`: one report for the filters in the address. */
import { useApi, type ApiState } from '../api/use-api';
import { reportPath, type Filters, type ReportExtra, type ReportKind } from './filters';

export function useReport<T>(
  kind: ReportKind,
  filters: Filters,
  extra: ReportExtra = {},
  enabled = true,
): ApiState<T> {
  return useApi<T>(enabled ? reportPath(kind, filters, extra) : null);
}
