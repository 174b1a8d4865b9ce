/** The {@code mnist} dataset: an IDX image/label pair per split (MNIST, Fashion-MNIST or any such pair), downloaded on request. */
package org.gan4j.data.mnist;
