/**
 * A progress bar on stderr, drawn only when stderr is a TTY (pipes and CI logs stay clean).
 * Library code reports progress through a plain `(done, total) => void` callback; this turns it into a bar.
 */
export type ProgressCallback = (done: number, total: number) => void;

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): { update: ProgressCallback; done: () => void } {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  const width = 30;
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  const update: ProgressCallback = (done, total) => {
    const now = Date.now();
    if (now - lastDraw < 100 && done < total) return; // at most 10 redraws a second
    lastDraw = now;
    drawn = true;
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(frac * width);
    const secs = ((now - started) / 1000).toFixed(1);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${secs}s`);
  };
  return {
    update,
    done: () => {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
