/**
 * The key under which the response cache puts, on a result it would keep, a
 * function taking the answer's UTF-8 bytes: a writer that makes the text
 * another way than the result's `stringify` (a stream,
 * {@link useStreamedAnswers}) hands them over when done, at most `maxBytes`.
 */
export const KEEP_ANSWER_TEXT = Symbol('keep answer text');

/** What the response cache puts under {@link KEEP_ANSWER_TEXT}. */
export interface AnswerTextKeeper {
  /** Answers of more bytes than this are not kept (do not gather them). */
  maxBytes: number;
  /** The whole answer, UTF-8. */
  keep(bytes: Uint8Array<ArrayBuffer>): void;
  /** The text will not be handed over (too long, the stream failed or was cancelled). */
  skip(): void;
  /** Set by a writer that will call `keep` or `skip` later, after the response has gone (a stream). */
  later: boolean;
}

/** The media types yoga's regular (non-streaming) result processor writes, in its order. */
const REGULAR_MEDIA_TYPES = ['application/graphql-response+json', 'application/json'];

/**
 * The media type yoga's regular processor picks for this request's Accept
 * (as yoga's result-processor plugin picks it), or null when it would not
 * write the answer: a writer of the answer's bytes writes this type.
 *
 * @example
 * ```ts
 * import { regularMediaType } from './answer-text.js';
 *
 * regularMediaType(new Request('http://x/graphql', { headers: { accept: 'application/json' } })); // 'application/json'
 * ```
 */
export function regularMediaType(request: Request): string | null {
  let picked: string | null = null;
  const accepts = (request.headers.get('accept') || '*/*').replace(/\s/g, '').toLowerCase().split(',');
  for (const accept of accepts.reverse()) {
    const [asked = '', ...params] = accept.split(';');
    const charset = params.find((param) => param.includes('charset=')) ?? 'charset=utf-8';
    if (charset !== 'charset=utf-8') continue;
    const [askedType, askedSub] = asked.split('/');
    for (const type of REGULAR_MEDIA_TYPES) {
      const [pre, sub] = type.split('/');
      if ((askedType === '*' || askedType === pre) && (askedSub === '*' || askedSub === sub)) picked = type;
    }
  }
  return picked;
}

/**
 * Requests whose answer {@link useStreamedAnswers} writes after the response
 * has gone: settled once the last piece of the text is handed to the
 * response body (or the stream failed or was cancelled). Until then the
 * execution result is alive; a heavy request keeps its slot that long
 * ({@link useRequestBudget}, at most `heavyAnswerHoldMs`).
 */
export const ANSWER_WRITTEN = new WeakMap<Request, Promise<void>>();
