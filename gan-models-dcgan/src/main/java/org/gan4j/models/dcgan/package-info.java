/**
 * The DCGAN generator and discriminator (transposed and strided convolutions with batch norm), for
 * 32x32 and 64x64 images.
 *
 * <p>A built-in plugin, written against the plugin API alone: its classes are not an API (other
 * plugins cannot see them) and may change in any release.
 */
package org.gan4j.models.dcgan;
