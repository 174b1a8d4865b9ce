/**
 * The built-in GAN losses (minimax, non-saturating, Wasserstein, least-squares, hinge), computed
 * stably from the discriminator's raw scores.
 *
 * <p>A built-in plugin, written against the plugin API alone: its classes are not an API (other
 * plugins cannot see them) and may change in any release.
 */
package org.gan4j.losses;
