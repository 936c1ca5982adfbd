/**
 * The YAML subset the netlist is written in, and a streaming text sink for it:
 *   - block mappings only, two spaces per level; no sequences, anchors, tags or multi-line scalars;
 *   - keys and string values are plain scalars when they match [A-Za-z_][A-Za-z0-9_,.<>-]* and are not a YAML
 *     keyword (null, true, …), else JSON-style double-quoted strings (valid YAML double-quoted scalars);
 *   - numbers: integers as written, others in shortest round-trip form with a '.' before any exponent
 *     ('1.0e-7'), so YAML 1.1 readers (PyYAML) read floats too; all float64 values round-trip exactly;
 *   - '#' comment lines.
 * parse.ts reads exactly this subset back.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { FoundryError } from '../../core/errors.js';

export interface TextSink {
  write(text: string): void;
}

/** Collects text in chunks (joined once at the end: large netlists never build one giant concatenation). */
export class StringTextSink implements TextSink {
  private readonly parts: string[] = [];
  private pending = '';
  length = 0;

  write(text: string): void {
    this.pending += text;
    this.length += text.length;
    if (this.pending.length > 1 << 16) {
      this.parts.push(this.pending);
      this.pending = '';
    }
  }

  text(): string {
    return this.parts.join('') + this.pending;
  }
}

/** Writes UTF-8 text to a file through a 1 MB buffer; `close()` flushes. */
export class FileTextSink implements TextSink {
  private readonly fd: number;
  private pending = '';
  bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.pending += text;
    if (this.pending.length > 1 << 20) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const buf = Buffer.from(this.pending, 'utf8');
    let at = 0;
    while (at < buf.length) at += writeSync(this.fd, buf, at, buf.length - at);
    this.bytes += buf.length;
    this.pending = '';
  }
}

const PLAIN = /^[A-Za-z_][A-Za-z0-9_,.<>-]*$/;
const KEYWORDS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'y', 'Y', 'n', 'N']);

/** A string as a YAML scalar (plain when safe, else double-quoted). */
export function yamlString(s: string): string {
  return PLAIN.test(s) && !KEYWORDS.has(s) ? s : JSON.stringify(s);
}

/** A finite number as a YAML scalar that YAML 1.1 and 1.2 readers both read as this exact float64. */
export function yamlNumber(x: number): string {
  if (!Number.isFinite(x)) throw new FoundryError('PF_ERR_INTERNAL', `netlist value ${x} is not finite`, { stage: 'emit' });
  if (Object.is(x, -0)) return '0';
  const s = String(x);
  if (Number.isInteger(x) && !s.includes('e')) return s;
  const e = s.indexOf('e');
  if (e >= 0 && !s.slice(0, e).includes('.')) return `${s.slice(0, e)}.0${s.slice(e)}`;
  return s;
}
