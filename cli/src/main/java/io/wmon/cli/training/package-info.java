/**
 * The build's training run for the class-data archive {@code bin/wmon} uses ({@link io.wmon.cli.training.ArchiveTraining});
 * never run by users.
 */
package io.wmon.cli.training;
