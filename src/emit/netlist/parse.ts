/**
 * Reads the YAML subset yaml.ts writes (block mappings, plain or double-quoted scalars, '#' comment lines,
 * `{}` for an empty mapping) into plain objects — enough to read a netlist back in tests and tools without a
 * YAML dependency. Anything outside the subset (sequences, flow collections, anchors, multi-line scalars, tabs)
 * is an InvalidInputError naming the line.
 */
import { InvalidInputError } from '../../core/errors.js';

export type YamlValue = string | number | boolean | null | YamlMapping;
export interface YamlMapping {
  [key: string]: YamlValue;
}

// YAML 1.2 core schema numbers
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

function scalar(text: string, line: number, source: string): YamlValue {
  if (text.startsWith('"')) {
    try {
      return JSON.parse(text) as string;
    } catch {
      throw new InvalidInputError(`${source}:${line}: unsupported double-quoted scalar ${text.slice(0, 40)}`);
    }
  }
  if (text === '{}') return {};
  if (/^[[{&*!|>'%@`]/.test(text)) throw new InvalidInputError(`${source}:${line}: YAML construct outside the netlist subset: ${text.slice(0, 40)}`);
  if (text === '' || text === '~' || text === 'null') return null;
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (INT.test(text) || FLOAT.test(text)) return Number(text);
  if (text === '.inf' || text === '+.inf') return Infinity;
  if (text === '-.inf') return -Infinity;
  if (text === '.nan') return NaN;
  return text;
}

/** Splits `key: value` at the first ': ' (or a trailing ':') outside double quotes. */
function splitKey(body: string, line: number, source: string): [string, string] {
  let key: string;
  let rest: string;
  if (body.startsWith('"')) {
    const m = /^"((?:[^"\\]|\\.)*)"/.exec(body);
    if (!m) throw new InvalidInputError(`${source}:${line}: unterminated quoted key`);
    key = JSON.parse(m[0]) as string;
    rest = body.slice(m[0].length);
    if (!rest.startsWith(':')) throw new InvalidInputError(`${source}:${line}: expected ':' after the key`);
    rest = rest.slice(1);
  } else {
    const colon = body.search(/:( |$)/);
    if (colon < 0) throw new InvalidInputError(`${source}:${line}: expected 'key: value', got '${body.slice(0, 60)}'`);
    key = body.slice(0, colon);
    rest = body.slice(colon + 1);
  }
  return [key, rest.trim()];
}

/** Parses the netlist YAML subset. `source` names the text in error messages. */
export function parseNetlistYaml(text: string, source = 'netlist'): YamlMapping {
  const root: YamlMapping = {};
  // open mappings: indentation of their keys, the mapping, and the key waiting for a nested block
  const stack: { indent: number; map: YamlMapping }[] = [{ indent: 0, map: root }];
  let pending: { map: YamlMapping; key: string; indent: number } | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    if (/^\s*(#.*)?$/.test(raw)) continue;
    if (raw.includes('\t')) throw new InvalidInputError(`${source}:${i + 1}: tabs are not allowed in YAML indentation`);
    const indent = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body.startsWith('- ') || body === '-') throw new InvalidInputError(`${source}:${i + 1}: YAML sequences are outside the netlist subset`);
    if (pending) {
      if (indent > pending.indent) {
        const child: YamlMapping = {};
        pending.map[pending.key] = child;
        stack.push({ indent, map: child });
      }
      pending = null;
    }
    while (stack.length > 1 && indent < stack[stack.length - 1].indent) stack.pop();
    const top = stack[stack.length - 1];
    if (indent !== top.indent) throw new InvalidInputError(`${source}:${i + 1}: inconsistent indentation`);
    const [key, rest] = splitKey(body, i + 1, source);
    if (Object.prototype.hasOwnProperty.call(top.map, key)) throw new InvalidInputError(`${source}:${i + 1}: duplicate key '${key}'`);
    if (rest === '') {
      top.map[key] = null;
      pending = { map: top.map, key, indent };
    } else {
      top.map[key] = scalar(rest.startsWith('"') ? rest : rest.replace(/\s+#.*$/, ''), i + 1, source);
    }
  }
  return root;
}
