/** Heap the agent keeps alive in a worker JVM. */
package io.wmon.bench.heap;
