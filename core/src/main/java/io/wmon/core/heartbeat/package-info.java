/** Publishing a worker's record: one pipelined round trip per heartbeat. */
package io.wmon.core.heartbeat;
