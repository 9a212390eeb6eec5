/** The {@code wmon} command line. */
package io.wmon.cli;
