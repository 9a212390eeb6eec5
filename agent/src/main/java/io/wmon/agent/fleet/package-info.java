/**
 * The Fleet MBean's side of the agent ({@code fleet=true}): the cached view of the whole namespace
 * that {@code io.wmon:type=Fleet} serves, and the thread that refreshes it at most once per
 * heartbeat interval, only while someone reads the bean or listens to it.
 */
package io.wmon.agent.fleet;
