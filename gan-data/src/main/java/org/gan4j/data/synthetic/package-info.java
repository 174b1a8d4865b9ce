/**
 * Synthetic 2-D Gaussian mixtures ({@code ring}, {@code grid}) for fast mode-collapse experiments.
 *
 * <p>A built-in plugin, written against the plugin API alone: its classes are not an API (other
 * plugins cannot see them) and may change in any release.
 */
package org.gan4j.data.synthetic;
