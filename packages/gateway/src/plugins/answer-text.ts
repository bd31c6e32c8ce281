/**
 * The key under which the response cache puts, on a result it would keep, a
 * function taking the answer's text: a writer that makes the text another
 * way than the result's `stringify` (a stream, {@link useStreamedAnswers})
 * hands it over when done, at most `maxChars` long.
 */
export const KEEP_ANSWER_TEXT = Symbol('keep answer text');

/** What the response cache puts under {@link KEEP_ANSWER_TEXT}. */
export interface AnswerTextKeeper {
  /** Texts longer than this are not kept (do not build them). */
  maxChars: number;
  keep(text: string): void;
}
