/**
 * A tiny worker application for the integration tests: fake jobs reported through
 * {@code io.wmon.api.WorkerStatus}, its own Jedis 5 pool, and a scripted mode driven from stdin.
 */
package io.wmon.example;
