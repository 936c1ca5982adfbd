/** Recognises common non-ONNX files by their first bytes, to say what a rejected file looks like. */

const MAGICS: ReadonlyArray<readonly [readonly number[], string]> = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive (PyTorch .pt / Keras .keras files are zips)'],
  [[0x50, 0x4b, 0x05, 0x06], 'an empty zip archive'],
  [[0x1f, 0x8b], 'a gzip file'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x89, 0x48, 0x44, 0x46], 'an HDF5 file (Keras .h5)'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an ELF executable'],
  [[0x80], 'a Python pickle'],
];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512);
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 9 || b === 10 || b === 13 || (b >= 0x20 && b !== 0x7f)) continue; // UTF-8 lead/continuation bytes pass
    return false;
  }
  return n > 0;
}

/** 'a PNG image', 'a JSON file', ... or undefined when the bytes look like nothing in particular. */
export function sniffFileType(bytes: Uint8Array): string | undefined {
  for (const [magic, name] of MAGICS) if (startsWith(bytes, magic)) return name;
  if (!looksLikeText(bytes)) return undefined;
  const first = String.fromCharCode(...bytes.subarray(0, 64)).trimStart()[0];
  return first === '{' || first === '[' ? 'a JSON file' : first === '<' ? 'an XML/HTML file' : 'a text file';
}
