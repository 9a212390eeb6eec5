/**
 * MXBean interfaces, implementations and the ObjectName constants shared by the agent, the CLI, docs and tests.
 *
 * <p>Entry points for the agent: {@link io.wmon.mbeans.ObjectNames} and {@link io.wmon.mbeans.NotificationTypes}
 * (the names), {@link io.wmon.mbeans.WorkerMBean} over published {@link io.wmon.mbeans.WorkerSnapshot}s,
 * {@link io.wmon.mbeans.RedisPoolMBean}, and
 * {@link io.wmon.mbeans.MBeanRegistrar}, which registers them and never throws into the host. No getter
 * touches Redis; {@code docs/mbeans.md} lists every name, attribute and notification.
 */
package io.wmon.mbeans;
