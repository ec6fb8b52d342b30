// Which connection errors mean the server's pipe is gone. No `vscode` import: the unit tests load this module in
// plain node.

/**
 * True for a write to a server process that has ended (EPIPE, a destroyed stream). Such errors come in a burst when
 * the server dies with messages in flight (one per pending request, cancellation and notification); they say
 * nothing about a live server, and the close that follows is what counts the crash.
 */
export function isBrokenPipe(error: unknown): boolean {
    const code = (error as { code?: unknown } | null | undefined)?.code;
    if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END') return true;
    const message = error instanceof Error ? error.message : String(error);
    return /write after a stream was destroyed|write after end|\bEPIPE\b/i.test(message);
}
