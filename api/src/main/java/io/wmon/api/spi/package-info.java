/** The hook between {@link io.wmon.api.WorkerStatus} and the agent; applications do not use it. */
package io.wmon.api.spi;
