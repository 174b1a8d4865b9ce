/**
 * The gan4j command line: the picocli commands (train, sample, compare, plugins, validate; bench in
 * {@code cli.bench}) and the mapping of errors to exit codes.
 *
 * <p>Internal to the command line: not an API; may change in any release.
 */
package org.gan4j.cli;
