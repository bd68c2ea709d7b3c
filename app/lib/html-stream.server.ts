import { Transform } from "node:stream";

// React 18.3's streaming renderer encodes into 2048-byte buffers, and when a character does not fit
// at the end it still sends the whole buffer, its last 1–3 bytes never written (facebook/react#26228,
// fixed only in React 19). Those bytes are zeros: in Arabic, Chinese or Russian pages, NULs in the
// text at every other 2 KB boundary. Nothing React writes legitimately ends a full buffer with NULs.
const VIEW_SIZE = 2048;

/** A chunk without the unwritten tail React 18 may leave on a full buffer. */
export function dropUnwrittenBytes(chunk: Uint8Array): Uint8Array {
  if (chunk.length !== VIEW_SIZE) return chunk;
  let end = chunk.length;
  while (end > chunk.length - 3 && chunk[end - 1] === 0) end--;
  return end === chunk.length ? chunk : chunk.subarray(0, end);
}

/** The stream React's HTML is piped into on its way to the response. */
export function htmlBody(): Transform {
  return new Transform({
    transform(chunk: Uint8Array, _encoding, done) {
      done(null, dropUnwrittenBytes(chunk));
    },
  });
}
