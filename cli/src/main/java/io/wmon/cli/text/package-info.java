/** Plain-text output shared by the commands: tables cut to a width, and short forms of numbers. A leaf. */
package io.wmon.cli.text;
