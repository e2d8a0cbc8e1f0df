// Secret annotations are almost always ASCII. A TextDecoder call crosses into C++ and costs more than
// reading a short ASCII run byte by byte, and an admission decodes several strings per secret.
const SHORT = 256;

/**
 * `bytes[start, end)` as text: read directly when they are a short run of ASCII (where every UTF-8
 * decoder gives the same string), else by `decoder`, which keeps its own rules for everything else.
 */
export function decodeText(bytes: Uint8Array, decoder: { decode(input: Uint8Array): string }, start = 0, end = bytes.length): string {
  if (end - start > SHORT) return decoder.decode(bytes.subarray(start, end));
  let text = '';
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    if (byte >= 0x80) return decoder.decode(bytes.subarray(start, end));
    text += String.fromCharCode(byte);
  }
  return text;
}
