import { canonicalizeHeaderRelaxed } from '../dkim/index.ts';

/** The raw texts of one ARC set's fields (name, colon, value, folding; no final CRLF). */
export interface SetTexts {
  aar: string;
  ams: string;
  seal: string;
}

/**
 * What an ARC-Seal signs (RFC 8617 5.1.1): every set from i=1 up to the seal's own, each as AAR,
 * AMS, AS in relaxed header canonicalization, the seal being signed last with its `b=` value
 * empty and no final CRLF.
 * @param earlier the complete sets below the seal's instance, oldest first
 * @param own the seal's set, its `seal` text with `b=` blanked
 */
export function sealSignedData(earlier: readonly SetTexts[], own: SetTexts): Buffer {
  let text = '';
  for (const set of earlier) {
    text += canonicalizeHeaderRelaxed(set.aar);
    text += canonicalizeHeaderRelaxed(set.ams);
    text += canonicalizeHeaderRelaxed(set.seal);
  }
  text += canonicalizeHeaderRelaxed(own.aar);
  text += canonicalizeHeaderRelaxed(own.ams);
  text += canonicalizeHeaderRelaxed(own.seal).slice(0, -2);
  return Buffer.from(text, 'latin1');
}
