/**
 * The {@code mnist} dataset: an IDX image/label pair per split (MNIST, Fashion-MNIST or any such
 * pair), downloaded on request.
 *
 * <p>A built-in plugin, written against the plugin API alone: its classes are not an API (other
 * plugins cannot see them) and may change in any release.
 */
package org.gan4j.data.mnist;
