// TOLLGATE_MEMORY (named and checked in src/system/config.ts): how the long-running commands trade memory
// for CPU. bin/tollgate.js applies it first thing, before the heap grows: set later, V8 no longer heeds it.
//
// Under sustained load most of the heap is garbage that outlived a young collection while its request or
// step was in flight; the live heap stays near 40 MB. With V8's default growth the heap keeps that garbage
// and the peak resident memory of `tollgate start` doubles. `lean` (the default) lets the heap grow only
// 20 % past what is live after each full collection, so the garbage goes sooner, for more CPU; `fast`
// keeps V8's defaults. (`npm start` also gives node an 8 MB semi-space, which only node's command line sets, and
// MALLOC_ARENA_MAX=2, which glibc reads as the process starts: without it, each of V8's and libuv's threads that
// allocates gets a malloc arena of its own, about 6 MB more resident memory under load.)
import { setFlagsFromString } from 'node:v8';

const SERVER_COMMANDS = new Set(['start', 'serve', 'worker']);

/** Tunes this process's heap when it runs a server command in lean mode. */
export function applyMemoryMode(argv = process.argv, env = process.env) {
  if (SERVER_COMMANDS.has(argv[2] ?? '') && env.TOLLGATE_MEMORY !== 'fast') setFlagsFromString('--heap-growing-percent=20');
}
