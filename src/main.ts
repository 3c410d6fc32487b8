/**
 * The server's entry point. The runtime defaults are settled before any library
 * loads: the server and everything it imports come in afterwards (in the build,
 * as a chunk of their own, so that no library is evaluated ahead of this line).
 */
import './runtime-defaults.js';

await import('./server.js');
