/** The gan4j command line: picocli commands, plugin directories and the mapping of errors to exit codes. */
package org.gan4j.cli;
