import type { ChatFlag } from "./vocabulary";

/**
 * Chat screening, pure. Contact details in a lesson chat (phone numbers, e-mail addresses, links,
 * social-media handles), written plainly or in the spelled-out forms children use in Slovenian and
 * English ("ana afna gmail pika com", "nič štiri ena …", "moj insta je ana_12"), are masked for the
 * other side and flagged for coordinators. The sender and coordinators still see the original.
 */
export const MASK = "•••";

export interface Screened {
  masked: string;
  flags: ChatFlag[];
}

const DOT = String.raw`(?:\s*\.\s*|\s*[([{]\s*(?:dot|pika)\s*[)\]}]\s*|\s+(?:dot|pika)\s+)`;
const AT = String.raw`(?:\s*@\s*|\s*[([{]\s*(?:at|afna)\s*[)\]}]\s*|\s+(?:at|afna)\s+)`;
const TLD = "(?:com|si|net|org|eu|io|me|info|de|at|hr|it|uk|co|app|gg|tv|ly|be|to|xyz)";
const LABEL = "[\\p{L}\\p{N}_-]+";

const emailPattern = new RegExp(String.raw`[\p{L}\p{N}._%+-]+${AT}${LABEL}(?:${DOT}${LABEL})*${DOT}${TLD}\b`, "giu");
const linkPattern = new RegExp(
  String.raw`\b(?:https?:\/\/|www\.)\S+|\b(?:${LABEL}\.)+${TLD}\b(?:\/\S*)?|\b${LABEL}(?:\s+(?:dot|pika)\s+|\s*[([{]\s*(?:dot|pika)\s*[)\]}]\s*)${TLD}\b`,
  "giu",
);

const platforms = String.raw`(?:insta(?:gram)?(?:u|a)?|ig|snap(?:chat)?(?:u|a)?|tik\s?tok(?:u|a)?|discord(?:u|a)?|whats\s?app(?:u|a)?|viber(?:ju|ja)?|telegram(?:u|a)?|facebook(?:u|a)?|fb|messenger(?:ju|ja)?|youtube|twitter(?:ju|ja)?|twitch(?:u|a)?|roblox(?:u|a)?|steam(?:u|a)?)`;
const lead = String.raw`(?:\s*[:=-]\s*|\s+(?:je|is|me|mi|name|ime|username|uporabnik|handle|nick|profil|account|račun|kot|as)(?:\s+(?:je|is|at|na|on|kot|as))?\s*[:=-]?\s*)`;
/** A platform named, a word like "je"/"is"/":" and then a name: the name is masked. */
const platformHandlePattern = new RegExp(String.raw`\b${platforms}${lead}(@?[\p{L}\p{N}._#]{2,30})`, "giu");
/** A platform named followed directly by something that looks like a handle (digits, dots, underscores). */
const platformLooseHandlePattern = new RegExp(String.raw`\b${platforms}\s+(@?(?=[\p{L}\p{N}._]*[\p{N}._])[\p{L}\p{N}._]{3,30})`, "giu");
/** @name on its own (an e-mail address was masked before this runs). */
const atHandlePattern = /(^|[^\p{L}\p{N}._])(@[\p{L}\p{N}._]{2,30})/giu;

const digitWords: Record<string, number> = {
  nic: 0, nič: 0, nula: 0, zero: 0, oh: 0,
  ena: 1, en: 1, one: 1,
  dva: 2, dve: 2, two: 2,
  tri: 3, three: 3,
  štiri: 4, stiri: 4, four: 4,
  pet: 5, five: 5,
  šest: 6, sest: 6, six: 6,
  sedem: 7, seven: 7,
  osem: 8, eight: 8,
  devet: 9, nine: 9,
};
/** Phone numbers have at least this many digits (Slovenian numbers have 9); shorter runs are maths. */
const PHONE_MIN_DIGITS = 8;

/** Runs of digits, digit groups and spelled-out digits separated only by spaces, dashes, slashes or brackets. */
function maskPhones(text: string): { text: string; found: boolean } {
  const tokens = [...text.matchAll(/\+?[\p{L}\p{N}]+|[^\p{L}\p{N}+]+/gu)].map((m) => ({ value: m[0], index: m.index! }));
  let found = false;
  const spans: [number, number][] = [];
  let runStart = -1;
  let runEnd = -1;
  let digits = 0;
  const close = () => {
    if (runStart >= 0 && digits >= PHONE_MIN_DIGITS) spans.push([runStart, runEnd]);
    runStart = -1;
    digits = 0;
  };
  for (const token of tokens) {
    const word = token.value.toLowerCase();
    const numeric = /^\+?\d+$/.test(word) ? word.replace("+", "").length : word in digitWords ? 1 : 0;
    if (numeric > 0) {
      if (runStart < 0) runStart = token.index;
      runEnd = token.index + token.value.length;
      digits += numeric;
    } else if (runStart >= 0 && /^[\s\-/()]+$/.test(token.value)) {
      continue;
    } else {
      close();
    }
  }
  close();
  let out = text;
  for (const [start, end] of spans.reverse()) {
    out = `${out.slice(0, start)}${MASK}${out.slice(end)}`;
    found = true;
  }
  return { text: out, found };
}

export function screenChat(text: string): Screened {
  const flags = new Set<ChatFlag>();
  let out = text;
  const replace = (pattern: RegExp, flag: ChatFlag, group?: number) => {
    out = out.replace(pattern, (...args: unknown[]) => {
      flags.add(flag);
      if (group === undefined) return MASK;
      const whole = args[0] as string;
      const inner = args[group] as string;
      return whole.slice(0, whole.length - inner.length) + MASK;
    });
  };
  replace(emailPattern, "email");
  replace(linkPattern, "link");
  replace(platformHandlePattern, "handle", 1);
  replace(platformLooseHandlePattern, "handle", 1);
  out = out.replace(atHandlePattern, (_whole, before: string) => {
    flags.add("handle");
    return `${before}${MASK}`;
  });
  const phones = maskPhones(out);
  if (phones.found) flags.add("phone");
  out = phones.text;
  return { masked: out, flags: [...flags].sort() };
}
