/** Latency of reading the agent's MBeans in-process. */
package io.wmon.bench.jmx;
