/**
 * A QR code of a signed survey link (GET /api/admin/surveys/:slug/qr) for a region, district,
 * provider, channel and language, with PNG/SVG downloads and the printable poster.
 */
import { CHANNELS } from '../../../../common/reports/dimensions';
import { useEffect, useState } from 'react';
import { LANGUAGES } from '../../../../common/survey/types';
import { withQuery } from '../api/client';
import type { Registry } from '../api/types';
import { STRINGS } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { Panel } from '../ui/Panel';

export function QrPanel({ slug, registry }: { slug: string; registry: Registry }) {
  const { s, lang } = useLang();
  const [region, setRegion] = useState('');
  const [district, setDistrict] = useState('');
  const [provider, setProvider] = useState('');
  const [channel, setChannel] = useState('');
  const [linkLang, setLinkLang] = useState('');
  const [link, setLink] = useState<string | null>(null);

  const params = { region, district, provider, channel, lang: linkLang };
  const base = `/api/admin/surveys/${encodeURIComponent(slug)}`;
  const svg = withQuery(`${base}/qr`, { format: 'svg', ...params });
  const png = withQuery(`${base}/qr`, { format: 'png', ...params });
  const poster = withQuery(`${base}/poster`, { provider, channel, lang: linkLang });

  useEffect(() => {
    let live = true;
    setLink(null);
    fetch(svg, { credentials: 'same-origin' }).then(
      (r) => live && setLink(r.ok ? r.headers.get('X-Ovoz-Link') : null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [svg]);

  const districts = registry.districts.filter((d) => !region || d.region === region);
  const providers = registry.providers.filter(
    (p) => (!region || p.region === region) && (!district || p.district === district),
  );

  return (
    <Panel title={s.distribution.qr} className="qr-panel">
      <p className="muted">{s.distribution.qrHint}</p>
      <div className="qr-layout">
        <form className="qr-form" onSubmit={(e) => e.preventDefault()}>
          <label className="field">
            <span>{s.filters.region}</span>
            <select
              value={region}
              onChange={(e) => {
                setRegion(e.target.value);
                setDistrict('');
                setProvider('');
              }}
            >
              <option value="">—</option>
              {registry.regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.names[lang]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{s.filters.district}</span>
            <select
              value={district}
              onChange={(e) => {
                setDistrict(e.target.value);
                setProvider('');
              }}
            >
              <option value="">—</option>
              {districts.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.names[lang]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{s.filters.provider}</span>
            <select value={provider} onChange={(e) => setProvider(e.target.value)} name="provider">
              <option value="">—</option>
              {providers.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.names[lang]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{s.filters.channel}</span>
            <select value={channel} onChange={(e) => setChannel(e.target.value)} name="channel">
              <option value="">—</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {s.channels[c]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{s.distribution.lang}</span>
            <select value={linkLang} onChange={(e) => setLinkLang(e.target.value)} name="lang">
              <option value="">{s.distribution.anyLang}</option>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {STRINGS[l].langName} ({l})
                </option>
              ))}
            </select>
          </label>
        </form>
        <figure className="qr-figure">
          <img src={svg} alt={s.distribution.qrAlt} width={240} height={240} className="qr-img" />
          <figcaption>
            {link ? (
              <a href={link} target="_blank" rel="noreferrer" className="qr-link">
                {link}
              </a>
            ) : (
              '…'
            )}
          </figcaption>
          <div className="qr-actions">
            <a className="btn" href={png} download>
              {s.distribution.png}
            </a>
            <a className="btn" href={svg} download>
              {s.distribution.svg}
            </a>
            {provider ? (
              <a className="btn" href={poster} target="_blank" rel="noreferrer">
                {s.distribution.poster}
              </a>
            ) : (
              <span className="muted small">{s.distribution.posterNeedsProvider}</span>
            )}
          </div>
        </figure>
      </div>
    </Panel>
  );
}
