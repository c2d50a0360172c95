/**
 * Receipt slips for one-time links, eight to an A4 page: the survey's title, a QR code made in the
 * browser (qrcode), the link and when it expires. Printed on its own: the app around it is hidden
 * in print.
 */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { issuedLinks } from '../../../../server/routes/admin-links';
import { createPortal } from 'react-dom';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { date } from '../lib/format';
import { Spinner } from '../ui/Spinner';
import '../styles/slips.css';

/** A one-time link as POST /api/admin/service-events answers it. */
export type IssuedLink = z.output<typeof issuedLinks>['links'][number];

export function SlipsSheet({
  links,
  title,
  provider,
  onClose,
}: {
  links: IssuedLink[];
  title: string;
  provider: string;
  onClose(): void;
}) {
  const { s, lang } = useLang();
  const [codes, setCodes] = useState<string[] | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all(
      links.map((l) =>
        QRCode.toDataURL(l.url, { errorCorrectionLevel: 'M', margin: 1, width: 220 }),
      ),
    ).then((c) => live && setCodes(c));
    return () => {
      live = false;
    };
  }, [links]);

  return createPortal(
    <div className="slips-sheet" role="dialog" aria-modal="true" aria-label={s.distribution.slips}>
      <div className="slips-toolbar">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => window.print()}
          disabled={!codes}
        >
          {s.app.print}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {s.app.close}
        </button>
      </div>
      {!codes ? (
        <Spinner block />
      ) : (
        <div className="slips-grid">
          {links.map((l, i) => (
            <article key={l.token} className="slip">
              <h2>{s.distribution.slipTitle}</h2>
              <p className="slip-survey">{title}</p>
              <p className="slip-provider">{provider}</p>
              <div className="slip-body">
                <img src={codes[i]} alt="" width={110} height={110} />
                <div>
                  <p className="slip-text">{s.distribution.slipText}</p>
                  <p className="slip-url">{l.url}</p>
                  <p className="slip-expires">
                    {fmt(s.distribution.slipExpires, { date: date(l.expiresAt, lang) })}
                  </p>
                </div>
              </div>
            </article>
          ))}
        </div>
      )}
    </div>,
    document.body,
  );
}
