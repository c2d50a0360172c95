/**
 * Says which figures a report shows (shared/API.md): protected ones, with the whole closed months
 * they cover, or exact ones (a sociologist's or an admin's choice). docs/anonymity.md.
 */
import type { ReportEcho } from '../api/types';
import { useLang } from '../i18n/lang';
import { fmt } from '../i18n/strings';

export function FiguresNote({ report }: { report: ReportEcho | undefined }) {
  const { s } = useLang();
  if (!report?.figures) return null;
  const text =
    report.figures === 'exact'
      ? s.figures.exact
      : report.figuresPeriod
        ? fmt(s.figures.protected, report.figuresPeriod)
        : s.figures.noneClosed;
  return <p className="figures-note">{text}</p>;
}
