/** The {@code celeba} dataset: CelebA's aligned faces with their evaluation partition and attributes. */
package org.gan4j.data.celeba;
