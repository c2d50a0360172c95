/**
 * Syntax that reads the statistics CSV of a responses export (`responses.csv?stats=1`: one line per
 * response, no byte-order mark, with the weight) into SPSS or GNU PSPP (`.sps`), R (`.R`) and Stata
 * (`.do`), with variable labels, value labels in the chosen language, missing values and
 * measurement levels (syntax-plan.ts). Each file names the CSV it reads, as the export names its
 * download: keep both in one folder. Pure.
 */
import { LONG_TEXT, type PlannedVariable } from './syntax-plan.js';

export interface SyntaxSource {
  /** The CSV file name (exportFileName of the statistics CSV). */
  file: string;
  /** The request path that downloads it, for the comment at the top. */
  url: string;
  /** The survey's slug, for the comment at the top. */
  survey: string;
  /** The weight variable's name, when the CSV has one. */
  weight: string | null;
}

/** The longest prefix of `s` of at most `max` UTF-8 bytes (never a broken character). */
export function cutBytes(s: string, max: number): string {
  if (Buffer.byteLength(s) <= max) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const b = Buffer.byteLength(ch);
    if (bytes + b > max) break;
    out += ch;
    bytes += b;
  }
  return out;
}

/** Line breaks and tabs in a label become spaces: every package wants a label on one line. */
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim();

// SPSS / PSPP ------------------------------------------------------------------------------

/** An SPSS string literal; long ones split into pieces joined with `+` (short syntax lines). */
function spssString(s: string): string {
  const pieces: string[] = [];
  let rest = s;
  while (Buffer.byteLength(rest) > 80) {
    const piece = cutBytes(rest, 80);
    pieces.push(piece);
    rest = rest.slice(piece.length);
  }
  pieces.push(rest);
  return pieces.map((p) => `'${p.replaceAll("'", "''")}'`).join(' +\n    ');
}

const spssFormat = (v: PlannedVariable) =>
  v.kind === 'text' ? `A${v.width}` : v.kind === 'coded' ? 'A16' : 'F16.6';

const SPSS_LEVEL = { nominal: 'NOMINAL', ordinal: 'ORDINAL', scale: 'SCALE' } as const;

export function spssSyntax(plan: readonly PlannedVariable[], src: SyntaxSource): string {
  const lines: string[] = [
    `* Ovoz: responses of the survey "${src.survey}" with their labels.`,
    `* Reads ${src.file}, downloaded from ${src.url} , from the current folder.`,
    `* Free texts longer than ${LONG_TEXT} bytes are cut.`,
    '',
    'SET DECIMAL=DOT.',
    `GET DATA /TYPE=TXT /FILE=${spssString(src.file)} /ENCODING='UTF-8'`,
    "  /ARRANGEMENT=DELIMITED /FIRSTCASE=2 /DELIMITERS=',' /QUALIFIER='\"'",
    '  /VARIABLES=',
  ];
  const raw = (v: PlannedVariable) => (v.kind === 'coded' ? `${v.name}_s` : v.name);
  plan.forEach((v, i) => {
    lines.push(`    ${raw(v)} ${spssFormat(v)}${i === plan.length - 1 ? '.' : ''}`);
  });
  // Numeric codes with text missing codes: read as text, recoded into numbers.
  for (const v of plan.filter((p) => p.kind === 'coded')) {
    const pairs = v.values.map((x) => `(${spssString(x.code)}=${x.number})`).join(' ');
    lines.push(`RECODE ${v.name}_s ${pairs} (ELSE=SYSMIS) INTO ${v.name}.`);
  }
  const coded = plan.filter((p) => p.kind === 'coded');
  if (coded.length) {
    lines.push(`DELETE VARIABLES ${coded.map((v) => `${v.name}_s`).join(' ')}.`);
    lines.push(`FORMATS ${coded.map((v) => v.name).join(' ')} (F8.0).`);
    // Back in the order of the CSV.
    lines.push('MATCH FILES /FILE=* /KEEP=');
    plan.forEach((v, i) => lines.push(`    ${v.name}${i === plan.length - 1 ? '.' : ''}`));
  }
  const whole = plan.filter(
    (p) =>
      p.kind === 'numeric' && p.values.length && p.values.every((x) => Number.isInteger(x.number)),
  );
  if (whole.length) lines.push(`FORMATS ${whole.map((v) => v.name).join(' ')} (F8.0).`);

  lines.push('VARIABLE LABELS');
  plan.forEach((v, i) => {
    const end = i === plan.length - 1 ? '.' : ' /';
    lines.push(`  ${v.name} ${spssString(cutBytes(oneLine(v.label), 255))}${end}`);
  });

  const labelled = plan.filter((p) => p.values.length);
  if (labelled.length) {
    lines.push('VALUE LABELS');
    labelled.forEach((v, i) => {
      lines.push(`  ${i ? '/' : ''}${v.name}`);
      for (const x of v.values) {
        const value = v.kind === 'text' ? spssString(x.code) : String(x.number);
        lines.push(`    ${value} ${spssString(cutBytes(oneLine(x.label), 120))}`);
      }
    });
    lines.push('.');
  }

  // MISSING VALUES takes at most three values per variable; a text one at most 8 bytes.
  for (const v of plan) {
    const missing = v.values
      .filter((x) => x.missing)
      .filter((x) => v.kind !== 'text' || Buffer.byteLength(x.code) <= 8)
      .slice(0, 3);
    if (!missing.length) continue;
    const list = missing.map((x) => (v.kind === 'text' ? spssString(x.code) : x.number));
    lines.push(`MISSING VALUES ${v.name} (${list.join(', ')}).`);
  }

  for (const level of ['nominal', 'ordinal', 'scale'] as const) {
    const names = plan.filter((p) => p.level === level).map((p) => p.name);
    if (names.length) lines.push(`VARIABLE LEVEL ${names.join(' ')} (${SPSS_LEVEL[level]}).`);
  }
  if (src.weight) {
    lines.push(
      `* Weighted figures (docs/weights.md): WEIGHT BY ${src.weight}.  Unweighted: WEIGHT OFF.`,
    );
  }
  lines.push('EXECUTE.', '');
  return lines.join('\n');
}

// R ----------------------------------------------------------------------------------------

/** An R string literal. */
const rString = (s: string) =>
  `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;

const rVector = (items: readonly string[]) => `c(${items.join(', ')})`;

export function rScript(plan: readonly PlannedVariable[], src: SyntaxSource): string {
  const lines: string[] = [
    `# Ovoz: responses of the survey "${src.survey}" with their labels.`,
    `# Reads ${src.file}, downloaded from ${src.url} , from the working directory.`,
    '# Coded answers become factors labelled in the chosen language (ordered for scales);',
    '# "not applicable", "don\'t know" and "refused" become NA. Each column keeps its question',
    '# text in attr(, "label").',
    '',
    `ovoz <- read.csv(${rString(src.file)}, colClasses = "character", na.strings = "",`,
    '  check.names = FALSE, encoding = "UTF-8", fileEncoding = "UTF-8-BOM")',
    `names(ovoz) <- ${rVector(plan.map((v) => rString(v.name)))}`,
  ];
  for (const v of plan) {
    const col = `ovoz[[${rString(v.name)}]]`;
    const kept = v.values.filter((x) => !x.missing);
    if (v.values.length) {
      const levels = rVector(kept.map((x) => rString(x.code)));
      const labels = rVector(kept.map((x) => rString(oneLine(x.label))));
      const ordered = v.level === 'ordinal' ? ', ordered = TRUE' : '';
      lines.push(`${col} <- factor(${col}, levels = ${levels}, labels = ${labels}${ordered})`);
    } else if (v.kind !== 'text') {
      lines.push(`${col} <- as.numeric(${col})`);
    }
    lines.push(`attr(${col}, "label") <- ${rString(oneLine(v.label))}`);
  }
  if (src.weight) {
    lines.push(
      `# Weighted figures (docs/weights.md): e.g. weighted.mean(x, ovoz[[${rString(src.weight)}]], na.rm = TRUE)`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

// Stata ------------------------------------------------------------------------------------

/** A Stata string in compound double quotes (any `"` inside is safe); labels cut to 80 bytes. */
const stataString = (s: string) => `\`"${s.replace(/`"|"'/g, (m) => m.split('').join(' '))}"'`;

const STATA_MISSING: Readonly<Record<string, string>> = { na: '.a', dontknow: '.b', refused: '.c' };

export function stataDo(plan: readonly PlannedVariable[], src: SyntaxSource): string {
  const lines: string[] = [
    `* Ovoz: responses of the survey "${src.survey}" with their labels.`,
    `* Reads ${src.file}, downloaded from ${src.url} , from the working directory.`,
    '* "not applicable", "don\'t know" and "refused" are the missing values .a, .b and .c.',
    '',
    'clear',
    `import delimited using ${stataString(src.file)}, varnames(nonames) rowrange(2) ///`,
    '  stringcols(_all) bindquote(strict) delimiters(",") encoding("utf-8") clear',
  ];
  plan.forEach((v, i) => lines.push(`rename v${i + 1} ${v.name}`));
  for (const v of plan) {
    if (v.kind === 'text' && !v.values.length) continue;
    lines.push(`generate double ${v.name}_n = .`);
    for (const x of v.values) {
      const number = x.missing ? (STATA_MISSING[x.code] ?? '.') : String(x.number);
      lines.push(`replace ${v.name}_n = ${number} if ${v.name} == ${stataString(x.code)}`);
    }
    if (v.kind !== 'text') {
      // Only what no code matched: `missing()` would also be true for .a, .b, .c.
      lines.push(`replace ${v.name}_n = real(${v.name}) if ${v.name}_n == .`);
    }
    lines.push(`drop ${v.name}`, `rename ${v.name}_n ${v.name}`);
    const kept = v.values.filter((x) => !x.missing);
    if (kept.length) {
      const pairs = kept.map((x) => `${x.number} ${stataString(oneLine(x.label))}`).join(' ');
      lines.push(`label define ${v.name}_l ${pairs}, replace`);
      lines.push(`label values ${v.name} ${v.name}_l`);
    }
  }
  for (const v of plan) {
    lines.push(`label variable ${v.name} ${stataString(cutBytes(oneLine(v.label), 80))}`);
  }
  if (src.weight) {
    lines.push(`* Weighted figures (docs/weights.md): e.g. mean x [pweight=${src.weight}]`);
  }
  lines.push('');
  return lines.join('\n');
}
