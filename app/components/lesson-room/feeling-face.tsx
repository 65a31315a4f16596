import type { FeedbackEmoji } from "~/modules/lessons/vocabulary";

/** Drawn faces rather than emoji characters: old phones and Linux browsers lack some emoji glyphs. */
const mouths: Record<FeedbackEmoji, string> = {
  great: "M20 38 Q32 54 44 38 Z",
  good: "M21 40 Q32 49 43 40",
  okay: "M22 42 L42 42",
  sad: "M21 46 Q32 36 43 46",
};
const fills: Record<FeedbackEmoji, string> = { great: "#fbbf24", good: "#fcd34d", okay: "#fde68a", sad: "#93c5fd" };

export function FeelingFace({ feeling, className = "h-16 w-16" }: { feeling: FeedbackEmoji; className?: string }) {
  return (
    <svg viewBox="0 0 64 64" className={className} aria-hidden="true" focusable="false">
      <circle cx="32" cy="32" r="29" fill={fills[feeling]} stroke="#0f172a" strokeWidth="3" />
      <circle cx="23" cy="26" r="3.5" fill="#0f172a" />
      <circle cx="41" cy="26" r="3.5" fill="#0f172a" />
      <path d={mouths[feeling]} fill={feeling === "great" ? "#0f172a" : "none"} stroke="#0f172a" strokeWidth="3.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
