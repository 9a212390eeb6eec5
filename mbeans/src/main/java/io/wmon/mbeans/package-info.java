/** MXBean interfaces, implementations and the ObjectName constants shared by the agent, the CLI, docs and tests. */
package io.wmon.mbeans;
