/**
 * `foundry render LAYOUT.gds --png FILE [--width PX] [--height PX] [--no-text] [--klayout BIN] [--json]`: draws a
 * GDSII layout to a PNG headless with KLayout (every hierarchy level, zoomed to fit). KLayout is an external
 * program (Debian: apt-get install klayout); without it the command is exit 2 with one line saying so.
 */
import type { Command } from 'commander';
import { DEFAULT_RENDER_SIZE_PX, renderLayoutPng, UsageError, type RenderResult } from '../../index.js';
import { EXIT_OK } from '../exit-codes.js';
import type { CommandContext } from '../main.js';

interface RenderFlags {
  png: string;
  width?: string;
  height?: string;
  text?: boolean;
  klayout?: string;
  json?: boolean;
}

function parsePixels(value: string | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 16 || n > 16384) throw new UsageError(`${option} must be an integer from 16 to 16384, got '${value}'`);
  return n;
}

export function registerRender(program: Command, { io, setCode }: CommandContext): void {
  program
    .command('render')
    .description('draw a GDSII layout to a PNG image with KLayout (headless)')
    .argument('<layout>', 'GDSII file')
    .requiredOption('--png <file>', 'PNG output file')
    .option('--width <px>', 'image width in pixels', String(DEFAULT_RENDER_SIZE_PX.width))
    .option('--height <px>', 'image height in pixels', String(DEFAULT_RENDER_SIZE_PX.height))
    .option('--no-text', 'leave out TEXT labels (faster for large layouts)')
    .option('--klayout <bin>', 'KLayout executable', 'klayout')
    .option('--json', 'print a summary object as JSON')
    .action(async (layout: string, flags: RenderFlags) => {
      const result = renderLayoutPng(layout, flags.png, {
        widthPx: parsePixels(flags.width, DEFAULT_RENDER_SIZE_PX.width, '--width'),
        heightPx: parsePixels(flags.height, DEFAULT_RENDER_SIZE_PX.height, '--height'),
        showText: flags.text !== false,
        klayout: flags.klayout,
      });
      io.stdout.write(flags.json ? JSON.stringify(result) + '\n' : formatRender(layout, result));
      setCode(EXIT_OK);
    });
}

export function formatRender(layout: string, r: RenderResult): string {
  return `rendered ${layout} → ${r.png} (${r.widthPx} × ${r.heightPx} px, ${r.bytes} bytes, ${r.seconds.toFixed(1)} s)\n`;
}
