/**
 * Number formatting for the report: 3 significant digits, SI prefixes on a base unit (pJ → nJ → µJ …), digit
 * grouping for counts, and ×10ⁿ notation (Unicode superscripts, so it works in HTML text and SVG <text>)
 * beyond the prefixes. A full-size mesh can be hundreds of dB deep, so figures up to 1e300 and beyond (±∞)
 * must print sensibly: ∞ is shown as "∞", NaN as "—".
 */
import { mwToW, nsToS, pjToJ } from '../../core/units.js';

const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻', '+': '',
};

/** SI prefixes from 1e-15 to 1e18 (index 5 = no prefix). */
const PREFIXES = ['f', 'p', 'n', 'µ', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E'] as const;
const PREFIX_ZERO = 5;

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return '—';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  return null;
}

/** Mantissa with `digits` significant digits, trailing zeros dropped ("1.50" → "1.5"). */
function significant(x: number, digits: number): string {
  return String(Number(x.toPrecision(digits))).replace('-', '−');
}

/** Groups the integer digits of a plain decimal string: "47880" → "47,880". */
function groupDigits(s: string): string {
  const [int, frac] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** x as m × 10ⁿ with `digits` significant digits of m ("6.22 × 10⁶⁵"). */
export function formatScientific(x: number, digits = 3): string {
  const bad = nonFinite(x);
  if (bad !== null) return bad;
  const [m, e] = x.toExponential(digits - 1).split('e');
  const exp = [...e].map((c) => SUPERSCRIPTS[c] ?? c).join('');
  return `${significant(Number(m), digits)} × 10${exp}`;
}

/** A plain number: 3 significant digits, grouped, × 10ⁿ when |x| ≥ 1e6 or < 1e-3. */
export function formatNumber(x: number, digits = 3): string {
  const bad = nonFinite(x);
  if (bad !== null) return bad;
  if (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3)) return formatScientific(x, digits);
  return groupDigits(significant(x, digits));
}

/** An integer count with digit grouping ("47,880"); × 10ⁿ past 1e15. */
export function formatCount(n: number): string {
  const bad = nonFinite(n);
  if (bad !== null) return bad;
  if (Math.abs(n) >= 1e15) return formatScientific(n);
  return groupDigits(String(Math.round(n))).replace('-', '−');
}

/**
 * `valueInBase` (in `unit`, e.g. J, W, s) with the SI prefix that puts the mantissa in [1, 1000): 2.5e-9 J →
 * "2.5 nJ". Beyond the prefix range: "6.22 × 10⁵³ J". Zero: "0 unit".
 */
export function formatSi(valueInBase: number, unit: string, digits = 3): string {
  const bad = nonFinite(valueInBase);
  if (bad !== null) return `${bad} ${unit}`;
  if (valueInBase === 0) return `0 ${unit}`;
  // round first so 999.96 becomes "1 k…", not "1000 …"
  const rounded = Number(valueInBase.toPrecision(digits));
  const p = Math.floor(Math.log10(Math.abs(rounded)) / 3);
  const index = p + PREFIX_ZERO;
  if (index < 0 || index >= PREFIXES.length) return `${formatScientific(valueInBase, digits)} ${unit}`;
  return `${significant(rounded / 10 ** (3 * p), digits)} ${PREFIXES[index]}${unit}`;
}

/** Energy given in pJ, with an SI prefix on J. */
export function formatEnergyPj(pj: number): string {
  return formatSi(pjToJ(pj), 'J');
}

/** Power given in mW, with an SI prefix on W. */
export function formatPowerMw(mw: number): string {
  return formatSi(mwToW(mw), 'W');
}

/** Time given in ns, with an SI prefix on s. */
export function formatTimeNs(ns: number): string {
  return formatSi(nsToS(ns), 's');
}

/** A number with a fixed unit that takes no prefix ("34.4 dB", "1.2 mm"). */
export function formatWithUnit(x: number, unit: string, digits = 3): string {
  return unit ? `${formatNumber(x, digits)} ${unit}` : formatNumber(x, digits);
}

/** A fraction as a percentage ("98.9 %"); null → "—". */
export function formatPercent(fraction: number | null | undefined, decimals = 1): string {
  if (fraction === null || fraction === undefined) return '—';
  const bad = nonFinite(fraction);
  if (bad !== null) return bad;
  return `${(fraction * 100).toFixed(decimals)} %`;
}
