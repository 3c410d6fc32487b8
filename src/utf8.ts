/** Request bodies are UTF-8; a lenient decoder would store U+FFFD in place of broken bytes. */
const strict = new TextDecoder('utf-8', { fatal: true });

/** The text that the bytes encode, or undefined when they are not well-formed UTF-8. */
export function decodeUtf8(bytes: ArrayBuffer): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}
