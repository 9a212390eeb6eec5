/** The Java agent: entry points, options and lifecycle. */
package io.wmon.agent;
