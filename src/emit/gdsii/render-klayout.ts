/**
 * Headless PNG rendering of a GDSII file with KLayout (https://www.klayout.de, Debian package `klayout`):
 * `klayout -b -r render.py -rd gds_in=… -rd png_out=…` runs a small Python macro that loads the layout into a
 * LayoutView, shows every hierarchy level, zooms to fit and saves the image. No display is needed (-b: batch).
 *
 * KLayout is an external program, not an npm dependency: when it is missing the error says so in one line.
 * In KLayout 0.28 a macro's sys.exit(n) still exits 0, so the macro reports failures with os._exit.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileNotFoundError, FoundryError, InvalidInputError } from '../../core/errors.js';

export interface RenderOptions {
  readonly widthPx?: number;
  readonly heightPx?: number;
  /** KLayout executable (default 'klayout' on PATH). */
  readonly klayout?: string;
  /** Draw TEXT labels (default true; large layouts render faster without). */
  readonly showText?: boolean;
  /** Give up after this long (default 600 s). */
  readonly timeoutMs?: number;
}

export interface RenderResult {
  readonly png: string;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly bytes: number;
  readonly seconds: number;
}

export const DEFAULT_RENDER_SIZE_PX = { width: 1600, height: 1000 } as const;

const RENDER_MACRO = `
import os, sys
import pya
try:
    view = pya.LayoutView()
    view.set_config("background-color", "#ffffff")
    view.set_config("text-visible", "true" if show_text == "1" else "false")
    view.set_config("grid-visible", "false")
    view.load_layout(gds_in, True)
    view.max_hier()
    view.zoom_fit()
    view.save_image(png_out, int(width), int(height))
except Exception as e:
    sys.stderr.write("render failed: %s\\n" % str(e).splitlines()[0])
    sys.stderr.flush()
    os._exit(3)
`;

/** Runs a KLayout Python macro in batch mode with `-rd name=value` variables; returns its exit status and output. */
export function runKlayoutMacro(
  macro: string, variables: Readonly<Record<string, string>>, options: { klayout?: string; timeoutMs?: number } = {},
): { status: number; stdout: string; stderr: string } {
  const klayout = options.klayout ?? 'klayout';
  const dir = mkdtempSync(path.join(tmpdir(), 'foundry-klayout-'));
  try {
    const script = path.join(dir, 'macro.py');
    writeFileSync(script, macro);
    const args = ['-b', '-r', script, ...Object.entries(variables).flatMap(([k, v]) => ['-rd', `${k}=${v}`])];
    const r = spawnSync(klayout, args, { encoding: 'utf8', timeout: options.timeoutMs ?? 600_000, maxBuffer: 64 * 1024 * 1024 });
    if (r.error) {
      const code = (r.error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        throw new FoundryError('PF_ERR_FILE_NOT_FOUND', `klayout is not installed ('${klayout}' not found); install KLayout (Debian: apt-get install klayout) to render layouts`, { stage: 'render' });
      }
      throw new FoundryError('PF_ERR_INVALID_INPUT', `klayout failed to run: ${code ?? r.error.message}`, { stage: 'render', cause: r.error });
    }
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Renders `gdsPath` to a PNG at `pngPath` (whole layout, all hierarchy levels). */
export function renderLayoutPng(gdsPath: string, pngPath: string, options: RenderOptions = {}): RenderResult {
  if (!existsSync(gdsPath)) throw new FileNotFoundError(gdsPath, { stage: 'render' });
  if (statSync(gdsPath).isDirectory()) throw new InvalidInputError(`cannot read '${gdsPath}': it is a directory, not a GDSII file`, { stage: 'render' });
  const outDir = path.dirname(path.resolve(pngPath));
  if (!existsSync(outDir) || !statSync(outDir).isDirectory()) {
    throw new InvalidInputError(`cannot write '${pngPath}': directory '${path.dirname(pngPath)}' does not exist`, { stage: 'render' });
  }
  const widthPx = options.widthPx ?? DEFAULT_RENDER_SIZE_PX.width;
  const heightPx = options.heightPx ?? DEFAULT_RENDER_SIZE_PX.height;
  for (const [what, v] of [['width', widthPx], ['height', heightPx]] as const) {
    if (!Number.isInteger(v) || v < 16 || v > 16384) throw new InvalidInputError(`image ${what} must be an integer from 16 to 16384 px, got ${v}`, { stage: 'render' });
  }
  const started = performance.now();
  const r = runKlayoutMacro(
    RENDER_MACRO,
    { gds_in: path.resolve(gdsPath), png_out: path.resolve(pngPath), width: String(widthPx), height: String(heightPx), show_text: options.showText === false ? '0' : '1' },
    options,
  );
  const why = (r.stderr.split('\n').find((l) => l.startsWith('render failed:')) ?? r.stderr.trim().split('\n').pop() ?? '').replace(/^render failed:\s*/, '');
  if (r.status !== 0) throw new InvalidInputError(`klayout could not render '${gdsPath}': ${why || `exit status ${r.status}`}`, { stage: 'render' });
  if (!existsSync(pngPath)) throw new InvalidInputError(`klayout wrote no image for '${gdsPath}'${why ? `: ${why}` : ''}`, { stage: 'render' });
  return { png: pngPath, widthPx, heightPx, bytes: statSync(pngPath).size, seconds: (performance.now() - started) / 1000 };
}
