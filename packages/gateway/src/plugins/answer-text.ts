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
  /** The text will not be handed over (too long, the stream failed or was cancelled). */
  skip(): void;
  /** Set by a writer that will call `keep` or `skip` later, after the response has gone (a stream). */
  later: boolean;
}
