/**
 * A tile grid of Uzbekistan's 14 regions, placed roughly as they lie on the map: Karakalpakstan
 * and Khorezm in the west, Navoiy and Bukhara in the centre, Samarkand, Kashkadarya and
 * Surkhandarya in the south, Jizzakh, Syrdarya and Tashkent in the east, the Fergana valley
 * (Namangan, Andijan, Fergana) furthest east. [column, row].
 */
export const TILES: Readonly<Record<string, readonly [number, number]>> = {
  'UZ-QR': [0, 0],
  'UZ-XO': [1, 1],
  'UZ-NW': [2, 0],
  'UZ-BU': [2, 1],
  'UZ-SA': [3, 1],
  'UZ-QA': [3, 2],
  'UZ-SU': [4, 3],
  'UZ-JI': [4, 1],
  'UZ-TO': [5, 0],
  'UZ-TK': [5, 1],
  'UZ-SI': [5, 2],
  'UZ-NG': [6, 1],
  'UZ-FA': [6, 2],
  'UZ-AN': [7, 1],
};

export const TILE_COLUMNS = 8;
export const TILE_ROWS = 4;

/** A region's name short enough for a tile: "Samarqand", "Самаркандская", "Samarkand". */
export function shortName(name: string): string {
  return name
    .replace(/\s+(viloyati|Respublikasi|вилояти|Республикаси|область|Region)$/u, '')
    .replace(/^(Республика|Republic of)\s+/u, '')
    .replace(/\s+shahri$/u, ' sh.')
    .replace(/\s+шаҳри$/u, ' ш.')
    .replace(/^город\s+/u, 'г. ')
    .replace(/\s+City$/u, ' City');
}
