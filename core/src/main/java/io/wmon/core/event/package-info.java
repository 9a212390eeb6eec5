/**
 * The fleet's event stream {@code wmon:{NS}:events}: the event value and its field codec, the
 * append ({@code XADD … MAXLEN ~ 10000}, alone or inside another pipeline), and the reader that
 * follows the stream with {@code XREAD BLOCK} on a connection it is given and tells whether a
 * reconnect found the same stream again.
 */
package io.wmon.core.event;
