/**
 * Surrogates without their other half: a JavaScript string can hold them, but they are not
 * text, and a platform that receives one in JSON refuses the whole message.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text with every unpaired surrogate replaced by U+FFFD; its length is unchanged. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\ufffd");
}
