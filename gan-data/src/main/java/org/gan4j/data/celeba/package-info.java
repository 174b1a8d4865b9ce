/**
 * The {@code celeba} dataset: CelebA's aligned faces with their evaluation partition and
 * attributes.
 *
 * <p>A built-in plugin, written against the plugin API alone: its classes are not an API (other
 * plugins cannot see them) and may change in any release.
 */
package org.gan4j.data.celeba;
