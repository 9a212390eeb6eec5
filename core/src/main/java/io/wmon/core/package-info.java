/**
 * What the agent and the CLI share: Redis endpoints and the per-JVM shared pool ({@code redis}),
 * the worker record codec ({@code record}), the heartbeat writer ({@code heartbeat}) and the
 * fleet reader ({@code fleet}).
 */
package io.wmon.core;
