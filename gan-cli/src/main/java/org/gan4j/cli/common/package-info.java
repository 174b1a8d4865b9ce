/**
 * What every command shares: the common options ({@code --plugins}, {@code --verbose},
 * {@code --quiet}, the gan4j home and its plugins directory) and the compute-thread settings.
 */
package org.gan4j.cli.common;
