/** The fully connected generator and discriminator of the MLP GAN tutorials, registered as {@code mlp}. */
package org.gan4j.models.mlp;
