/**
 * The fully connected generator and discriminator of the MLP GAN tutorials, registered as
 * {@code mlp}.
 *
 * <p>A built-in plugin, written against the plugin API alone: its classes are not an API (other
 * plugins cannot see them) and may change in any release.
 */
package org.gan4j.models.mlp;
