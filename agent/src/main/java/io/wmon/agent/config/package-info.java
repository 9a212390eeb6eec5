/**
 * The agent's options: the {@code key=value,...} string, the config file and the environment,
 * merged and validated into an immutable {@link io.wmon.agent.config.AgentOptions}, or refused
 * with a one-line {@link io.wmon.agent.config.AgentConfigException}.
 */
package io.wmon.agent.config;
