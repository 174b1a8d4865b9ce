/** The DCGAN generator and discriminator (transposed and strided convolutions with batch norm), for 32x32 and 64x64 images. */
package org.gan4j.models.dcgan;
