// Secret annotations and names are almost always ASCII. A TextDecoder or TextEncoder call crosses into
// C++ and costs more than a short ASCII run byte by byte, and an admission converts several per secret.
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

/**
 * The UTF-8 of `text`: written directly when it is a short run of ASCII (whose UTF-8 is its own
 * character codes), else by `encoder`.
 */
export function encodeText(text: string, encoder: { encode(input: string): Uint8Array }): Uint8Array {
  if (text.length > SHORT) return encoder.encode(text);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return encoder.encode(text);
    bytes[i] = code;
  }
  return bytes;
}
