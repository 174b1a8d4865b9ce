/** The built-in GAN losses (minimax, non-saturating, Wasserstein), computed stably from the discriminator's raw scores. */
package org.gan4j.losses;
