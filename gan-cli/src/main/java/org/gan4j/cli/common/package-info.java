/**
 * What every command shares: the common options ({@code --plugins}, {@code --verbose},
 * {@code --quiet}, the gan4j home and its plugins directory) and the compute-thread settings.
 *
 * <p>Internal to the command line: not an API; may change in any release.
 */
package org.gan4j.cli.common;
