/**
 * The fleet on screen, for {@code status} and {@code demo}: the table and the JSON document of one
 * snapshot, and the refresh loop that redraws them on a terminal or streams them to a pipe, with
 * its Ctrl-C handling.
 */
package io.wmon.cli.fleetview;
