/** The standard blocks: one click adds the question with its role and four-language texts. */
import { useLang } from '../i18n/lang';
import { DRIVERS, type BlockKey, type DriversAs } from './blocks';

export function Palette({
  driversAs,
  onDriversAs,
  onInsert,
  disabled,
}: {
  driversAs: DriversAs;
  onDriversAs(as: DriversAs): void;
  onInsert(key: BlockKey): void;
  disabled: boolean;
}) {
  const { s } = useLang();
  const button = (key: BlockKey, label: string) => (
    <li key={key}>
      <button
        type="button"
        className="palette-btn"
        disabled={disabled}
        onClick={() => onInsert(key)}
        data-block={key}
      >
        <span aria-hidden="true">＋ </span>
        {label}
      </button>
    </li>
  );
  return (
    <div className="palette">
      <p className="muted small">{s.designer.paletteHint}</p>
      <ul>
        {button('satisfaction', s.designer.blocks.satisfaction)}
        {button('drivers', s.designer.blocks.driversMatrix)}
      </ul>
      <fieldset className="palette-drivers">
        <legend>{s.designer.driversAs}</legend>
        <label>
          <input
            type="radio"
            name="drivers-as"
            checked={driversAs === 'matrix'}
            onChange={() => onDriversAs('matrix')}
          />{' '}
          {s.designer.asMatrix}
        </label>
        <label>
          <input
            type="radio"
            name="drivers-as"
            checked={driversAs === 'rating'}
            onChange={() => onDriversAs('rating')}
          />{' '}
          {s.designer.asRating}
        </label>
        <ul>{DRIVERS.map((d) => button(`driver:${d}`, s.drivers[d]))}</ul>
      </fieldset>
      <ul>
        {button('trust', s.designer.blocks.trust)}
        {button('affordability', s.designer.blocks.affordability)}
        {button('delivery', s.designer.blocks.delivery)}
        {button('channel', s.designer.blocks.channel)}
        {button('place', s.designer.blocks.place)}
        {button('segment', s.designer.blocks.segment)}
        {button('comment', s.designer.blocks.comment)}
      </ul>
    </div>
  );
}
