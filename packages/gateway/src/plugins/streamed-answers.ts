import { nextTurn } from '@tokenomics/core';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ANSWER_WRITTEN, type AnswerTextKeeper, KEEP_ANSWER_TEXT, regularMediaType } from './answer-text.js';
import { jsonPieces } from './json-pieces.js';

/** Options of {@link useStreamedAnswers}. */
export interface StreamedAnswersOptions {
  /** An answer holding a list at least this long is streamed. Default 2,000 (a 5-year daily schedule). */
  minListItems?: number;
  /** Bytes (about) written between turns of the event loop. Default 64 KiB. */
  chunkBytes?: number;
}

/**
 * Whether `value` holds, within a few levels, a list of at least `min` items.
 * Walked on every answer without errors, so it makes nothing (no arrays of
 * values) and calls itself only for objects.
 */
function holdsLongList(value: object, min: number, depth = 0): boolean {
  if (depth > 8) return false;
  if (Array.isArray(value)) {
    if (value.length >= min) return true;
    for (const item of value) {
      if (typeof item === 'object' && item !== null && holdsLongList(item, min, depth + 1)) return true;
    }
    return false;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null && holdsLongList(item, min, depth + 1)) return true;
  }
  return false;
}

/**
 * Writes a large answer (one holding a long list: a schedule of thousands of
 * points) as a stream, about `chunkBytes` at a time with a turn of the event
 * loop between chunks, instead of one string made and written in one go: a
 * megabyte answer then never holds the process (other requests, the
 * liveness probe) for longer than a chunk, and is never whole in memory.
 * The bytes are exactly those yoga writes (`JSON.stringify` of the result);
 * only answers without errors or extensions, answered by yoga's regular
 * JSON processor, are streamed (sent chunked, without a Content-Length).
 *
 * @example
 * ```ts
 * import { type GraphQLSchema } from 'graphql';
 * import { createYoga } from 'graphql-yoga';
 * import { useStreamedAnswers } from './streamed-answers.js';
 *
 * declare const schema: GraphQLSchema;
 *
 * createYoga({ schema, plugins: [useStreamedAnswers({ minListItems: 2_000 })] });
 * ```
 */
export function useStreamedAnswers(options: StreamedAnswersOptions = {}): Plugin {
  const minListItems = options.minListItems ?? 2_000;
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  return {
    onResultProcess({ request, result, resultProcessor, setResultProcessor }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      const answer = result as ExecutionResult;
      if (answer.errors?.length || answer.extensions) return;
      // Only where yoga's own JSON processor would write the answer (not SSE, not multipart).
      if (resultProcessor?.name !== 'processRegularResult') return;
      if (typeof answer.data !== 'object' || answer.data === null) return;
      if (!holdsLongList(answer.data, minListItems)) return;
      const mediaType = regularMediaType(request);
      if (mediaType === null) return;
      setResultProcessor((processed, fetchAPI) => {
        const pieces = jsonPieces({ data: answer.data });
        const encoder = new TextEncoder();
        // The response cache's keeper, when it would keep this answer: it gets the bytes once written
        // (the chunks already encoded, so nothing of the text outlives its chunk on the heap).
        const keeper = (processed as { [KEEP_ANSWER_TEXT]?: AnswerTextKeeper })[KEEP_ANSWER_TEXT];
        let kept: Uint8Array[] | null = keeper ? [] : null;
        if (keeper) keeper.later = true;
        let keptBytes = 0;
        let first = true;
        // Settled once the result is no longer needed: the text is written, or will never be.
        let written = () => {};
        ANSWER_WRITTEN.set(
          request,
          new Promise<void>((resolve) => {
            written = resolve;
          }),
        );
        const body = new fetchAPI.ReadableStream<Uint8Array>({
          cancel() {
            // The client went away: nothing will be kept.
            kept = null;
            keeper?.skip();
            written();
          },
          async pull(controller) {
            // The first chunk at once; each next one after the event loop had a turn.
            if (!first) await nextTurn();
            first = false;
            let text = '';
            let done = false;
            try {
              for (let step = pieces.next(); ; step = pieces.next()) {
                if (step.done) {
                  done = true;
                  break;
                }
                text += step.value;
                if (text.length >= chunkBytes) break;
              }
            } catch (error) {
              kept = null;
              keeper?.skip();
              written();
              controller.error(error);
              return;
            }
            const bytes = text ? encoder.encode(text) : null;
            if (kept && keeper && bytes) {
              keptBytes += bytes.byteLength;
              if (keptBytes > keeper.maxBytes) {
                kept = null;
                keeper.skip();
              } else kept.push(bytes);
            }
            if (bytes) controller.enqueue(bytes);
            if (done) {
              controller.close();
              written();
              if (kept && keeper) keeper.keep(Buffer.concat(kept, keptBytes));
            }
          },
        });
        return new fetchAPI.Response(body, {
          status: 200,
          headers: { 'content-type': `${mediaType}; charset=utf-8` },
        });
      }, mediaType);
    },
  };
}
