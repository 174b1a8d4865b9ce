/** The built-in GAN losses (minimax, non-saturating, Wasserstein, least-squares, hinge), computed stably from the discriminator's raw scores. */
package org.gan4j.losses;
