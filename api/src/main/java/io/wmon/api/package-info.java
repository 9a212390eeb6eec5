/** The facade a worker application calls to report its state; a cheap no-op when no agent runs. */
package io.wmon.api;
