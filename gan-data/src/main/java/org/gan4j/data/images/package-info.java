/**
 * Image files as training data: decoding, PIL-compatible resize and centre crop, and the
 * {@code image-folder} dataset.
 *
 * <p>A built-in plugin, written against the plugin API alone: its classes are not an API (other
 * plugins cannot see them) and may change in any release.
 */
package org.gan4j.data.images;
