/** CPU and wall time of one heartbeat. */
package io.wmon.bench.heartbeat;
